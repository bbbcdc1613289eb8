namespace DataRefresh.Providers.Sqlite.Schema;

/// <summary>
/// One entry of a SQLite file's schema (<c>sqlite_schema</c>) as SQLite wrote it: a table, view, index or trigger, the
/// table it belongs to, and its SQL. The native archive of a SQLite source is the list of these, replayed verbatim on a
/// SQLite target: tables and views before the load, indexes and triggers after it (so triggers never fire on copied rows).
/// </summary>
internal sealed record SqliteSchemaObject(string Type, string Name, string Table, string Sql)
{
    public bool IsPreData => Type is "table" or "view";
}
