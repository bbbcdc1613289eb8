using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary>
/// A mask with its consistency domain and, optionally, a condition: rows matching <paramref name="When"/> get
/// <paramref name="Mask"/>, the others get <paramref name="Otherwise"/> (which may have its own condition).
/// </summary>
public sealed record MaskRule(MaskDefinition Mask, string? Domain, RowCondition? When, MaskRule? Otherwise, SourceLocation Location)
{
    /// <summary>
    /// What keys the mask: the named domain, or the mask's description. Columns with the same effective domain map equal
    /// inputs to equal outputs, in any table or database.
    /// </summary>
    public string EffectiveDomain => Domain ?? Mask.Describe();

    /// <summary>This rule and every <c>otherwise</c> after it.</summary>
    public IEnumerable<MaskRule> Branches()
    {
        for (var rule = this; rule is not null; rule = rule.Otherwise)
        {
            yield return rule;
        }
    }

    public string Describe() =>
        (Domain is null ? Mask.Describe() : $"{Mask.Describe()} domain={Domain}") +
        (When is null ? "" : $" when {When} otherwise {Otherwise!.Describe()}");
}
