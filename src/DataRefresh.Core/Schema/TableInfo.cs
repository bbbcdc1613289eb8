namespace DataRefresh.Core.Schema;

/// <summary>
/// A table whose rows are copied. A partitioned table is one entry (its partitions are reached through it);
/// <paramref name="EstimatedRows"/> is the catalog's estimate, for plans, progress and sharing workers between tables.
/// </summary>
public sealed record TableInfo(
    QualifiedName Name,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys,
    long EstimatedRows,
    bool IsPartitioned)
{
    public ColumnInfo? FindColumn(string name) => Columns.FirstOrDefault(column => column.Name == name);
}
