using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>The rows a subset copies, per table, as <see cref="SubsetClosure"/> chose them inside the run's snapshot.</summary>
public sealed class SubsetPlan(IReadOnlyList<TableSubset> tables)
{
    private readonly Dictionary<QualifiedName, TableSubset> byTable = tables.ToDictionary(table => table.Table);

    public IReadOnlyList<TableSubset> Tables { get; } = tables;

    public TableSubset? For(QualifiedName table) => byTable.GetValueOrDefault(table);

    /// <summary>The plan with the tables the subset leaves empty copied as schema only.</summary>
    public RefreshPlan Apply(RefreshPlan plan) => plan with
    {
        Tables = [.. plan.Tables.Select(table => For(table.Table.Name) is { IsEmpty: true } ? table with { Rows = Rules.RowSelection.None } : table)],
    };
}
