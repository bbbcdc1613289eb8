using System.Globalization;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// The rule a scan drafts for a column: a strategy (<paramref name="Mask"/>) and its parameters, or no strategy when none
/// fits the column yet, with <paramref name="Note"/> saying why.
/// </summary>
public sealed record SuggestedRule(
    string? Mask,
    string? Faker = null,
    IReadOnlyList<string>? Find = null,
    string? To = null,
    string? Value = null,
    string? Note = null)
{
    /// <summary>As scan output prints it: <c>fake internet.email</c>, <c>redact-text find: [email, phone]</c>.</summary>
    public string Describe()
    {
        if (Mask is null)
        {
            return $"none yet ({Note})";
        }

        var parts = new List<string> { Mask };
        if (Faker is not null)
        {
            parts.Add(Faker);
        }

        if (Find is not null)
        {
            parts.Add($"find: [{string.Join(", ", Find)}]");
        }

        if (To is not null)
        {
            parts.Add($"to: {To}");
        }

        if (Value is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"value: \"{Value}\""));
        }

        return string.Join(' ', parts);
    }
}
