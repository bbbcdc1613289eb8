namespace DataRefresh.Core.Schema;

/// <summary>The tables of a source database as read inside the run's snapshot.</summary>
public sealed class DatabaseSchema(IReadOnlyList<TableInfo> tables)
{
    private readonly Dictionary<QualifiedName, TableInfo> byName = tables.ToDictionary(table => table.Name);

    public IReadOnlyList<TableInfo> Tables { get; } = tables;

    public TableInfo? FindTable(QualifiedName name) => byName.GetValueOrDefault(name);
}
