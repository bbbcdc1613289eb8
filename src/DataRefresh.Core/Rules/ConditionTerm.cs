namespace DataRefresh.Core.Rules;

/// <summary>One column of a <see cref="RowCondition"/> and the values it may hold (null stands for SQL NULL).</summary>
public sealed record ConditionTerm(string Column, IReadOnlyList<string?> Values)
{
    public override string ToString() => Values.Count == 1
        ? $"{Column} = {Values[0] ?? "null"}"
        : $"{Column} in ({string.Join(", ", Values.Select(value => value ?? "null"))})";
}
