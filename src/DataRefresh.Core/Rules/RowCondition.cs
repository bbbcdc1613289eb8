namespace DataRefresh.Core.Rules;

/// <summary>
/// <c>when:</c> — a row matches when every listed column's original value is one of the listed values (compared as
/// text: numbers as digits, dates as yyyy-MM-dd, booleans as true/false; a null entry matches SQL NULL).
/// </summary>
public sealed record RowCondition(IReadOnlyList<ConditionTerm> Terms)
{
    public override string ToString() => string.Join(" and ", Terms.Select(term => term.ToString()));
}
