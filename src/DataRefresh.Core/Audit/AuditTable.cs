namespace DataRefresh.Core.Audit;

/// <summary>
/// One table of the run: <paramref name="Rows"/> is <c>all</c>, <c>filtered</c> or <c>none</c> (schema only),
/// <paramref name="RowsCopied"/> the count written (null when its copy did not finish), and each column's decision.
/// </summary>
public sealed record AuditTable(string Table, string Rows, long? RowsCopied, string? Mode, string? Where, IReadOnlyList<AuditColumn> Columns)
{
    /// <summary>In a subset run: how the table's rows were chosen (root, parents, children, whole, empty); null otherwise.</summary>
    public string? Subset { get; init; }
}
