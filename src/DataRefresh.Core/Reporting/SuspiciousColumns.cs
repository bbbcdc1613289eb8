using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// Flags columns whose name suggests personal data, for columns copied unchanged (kept or unlisted) that no stored scan
/// flagged: the report cannot read values, so without a scan (<c>datarefresh scan</c>, which samples them) the name is
/// all it has.
/// </summary>
internal static class SuspiciousColumns
{
    // Matched anywhere in the name once separators are removed ("e_mail", "homeAddress", "nickname").
    private static readonly (string Fragment, string Hint)[] Fragments =
    [
        ("email", "an e-mail address"), ("mail", "an e-mail address"), ("phone", "a phone number"), ("mobile", "a phone number"),
        ("name", "a person's name"), ("birth", "a birth date"), ("iban", "a bank account"), ("card", "a card number"),
        ("address", "an address"), ("street", "an address"), ("postcode", "an address"), ("zipcode", "an address"),
        ("password", "a secret"), ("passwd", "a secret"), ("secret", "a secret"), ("token", "a secret"),
        ("ssn", "a national id"), ("passport", "a national id"), ("salary", "pay data"),
    ];

    // Too short to match inside other words ("ip" in "shipping"): only as a whole word of the name.
    private static readonly (string Word, string Hint)[] Words =
    [
        ("ip", "an IP address"), ("dob", "a birth date"), ("zip", "an address"), ("tax", "a tax id"), ("pin", "a secret"),
    ];

    /// <summary>Why <paramref name="column"/> may hold personal data, judged by its name alone, or null.</summary>
    public static string? Why(QualifiedName table, ColumnInfo column)
    {
        var name = column.Name.ToLowerInvariant();
        var joined = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        foreach (var (fragment, hint) in Fragments)
        {
            if (joined.Contains(fragment, StringComparison.Ordinal))
            {
                return $"name suggests {hint}";
            }
        }

        var words = name.Split(['_', '-', ' '], StringSplitOptions.RemoveEmptyEntries);
        foreach (var (word, hint) in Words)
        {
            if (words.Contains(word, StringComparer.Ordinal))
            {
                return $"name suggests {hint}";
            }
        }

        return null;
    }
}
