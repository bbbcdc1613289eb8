namespace DataRefresh.Core.Schema;

/// <summary>
/// The tables of a source database as read inside the run's snapshot, and how many large objects it holds (data outside
/// tables that rules must decide on: PostgreSQL's <c>pg_largeobject</c>; 0 where the engine has none).
/// </summary>
public sealed class DatabaseSchema(IReadOnlyList<TableInfo> tables, long largeObjects = 0)
{
    private readonly Dictionary<QualifiedName, TableInfo> byName = tables.ToDictionary(table => table.Name);

    public IReadOnlyList<TableInfo> Tables { get; } = tables;

    public long LargeObjects { get; } = largeObjects;

    public TableInfo? FindTable(QualifiedName name) => byName.GetValueOrDefault(name);
}
