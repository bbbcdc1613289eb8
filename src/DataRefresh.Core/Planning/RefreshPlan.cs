namespace DataRefresh.Core.Planning;

/// <summary>The tables of a refresh in load order (largest first: constraints are built after the load, so foreign keys
/// do not constrain the order, and starting the longest copies first finishes soonest).</summary>
public sealed record RefreshPlan(IReadOnlyList<TablePlan> Tables)
{
    public int MaskedColumnCount => Tables.Sum(table => table.Columns.Count(column => column.IsMasked));
}
