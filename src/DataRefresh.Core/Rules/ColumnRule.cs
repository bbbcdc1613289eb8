using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary>
/// How one column is masked. Only the parameters of its strategy are set: <paramref name="Faker"/> and
/// <paramref name="Locale"/> for fake, <paramref name="Value"/> for constant, <paramref name="Days"/> for shift-date.
/// </summary>
public sealed record ColumnRule(
    string Column,
    MaskStrategy Strategy,
    SourceLocation Location,
    string? Faker = null,
    string? Locale = null,
    string? Value = null,
    int? Days = null)
{
    /// <summary>
    /// The rule written as text, e.g. <c>fake name.firstName (de)</c>. It also names the consistency domain: columns with the
    /// same description mask the same input to the same output, so joins on masked values survive.
    /// </summary>
    public string Describe() => Strategy switch
    {
        MaskStrategy.Fake => $"fake {Faker}{(Locale is null ? "" : $" ({Locale})")}",
        MaskStrategy.Constant => "constant",
        MaskStrategy.ShiftDate => $"shift-date ±{Days}d",
        _ => MaskStrategyNames.NameOf(Strategy),
    };
}
