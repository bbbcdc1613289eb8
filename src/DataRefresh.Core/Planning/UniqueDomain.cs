using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Planning;

/// <summary>
/// A mask that can repeat values, used on unique columns: its collisions are resolved over the inputs of all
/// <paramref name="Columns"/> together, since they share one mapping.
/// </summary>
public sealed record UniqueDomain(string Domain, MaskRule Rule, IReadOnlyList<(TablePlan Table, ColumnPlan Column)> Columns)
{
    public string Describe() => string.Join(", ", Columns.Select(pair => $"{pair.Table.Table.Name}.{pair.Column.Column.Name}"));
}
