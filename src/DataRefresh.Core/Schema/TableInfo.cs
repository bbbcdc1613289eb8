namespace DataRefresh.Core.Schema;

/// <summary>
/// A table whose rows are copied. A partitioned table is one entry (its partitions are reached through it);
/// <paramref name="EstimatedRows"/> is the catalog's estimate, for plans, progress and sharing workers between tables.
/// <paramref name="UniqueKeys"/> are the column sets of the primary key, unique constraints and plain unique indexes
/// (expression and partial indexes are left out: their columns alone are not unique).
/// </summary>
public sealed record TableInfo(
    QualifiedName Name,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys,
    long EstimatedRows,
    bool IsPartitioned,
    IReadOnlyList<IReadOnlyList<string>>? UniqueKeys = null)
{
    /// <summary>Whether the column alone must hold distinct values.</summary>
    public bool IsUnique(string column) => UniqueKeys?.Any(key => key.Count == 1 && key[0] == column) == true;

    public ColumnInfo? FindColumn(string name) => Columns.FirstOrDefault(column => column.Name == name);
}
