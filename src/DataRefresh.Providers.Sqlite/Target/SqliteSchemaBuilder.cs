using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.Sqlite.Schema;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// The statements that build a source's schema in a SQLite file. From a SQLite source, its own SQL as SQLite wrote it:
/// tables and views before the load, indexes and triggers after. From another engine, the neutral model: tables with
/// their columns (types by <see cref="SqliteTypes.ForNeutral"/>), NOT NULL, an enumerated column's check, a generated
/// column's portable expression, the primary key and foreign keys inside the CREATE TABLE (SQLite cannot add either
/// later; foreign keys are not enforced while loading and are checked by verification), then unique constraints and
/// indexes as named unique indexes, and plain indexes, after the load. What the model cannot say (defaults, other
/// checks, views, triggers, indexes over expressions, generated columns in the source engine's own SQL) is not created —
/// the source names them in
/// <see cref="SchemaExport.Objects"/>, and the run lists them; what the model says but SQLite cannot be built from is
/// refused by <see cref="Check"/> before any row moves. Objects the side file has already (by name, from
/// <paramref name="existing"/>) are not built again: a table's own indexes built early, the shadow tables a virtual table
/// made.
/// </summary>
internal sealed class SqliteSchemaBuilder(SchemaExport schema, IReadOnlySet<string> existing)
{
    private IReadOnlyList<SqliteSchemaObject>? Native => schema.NativeArchive as IReadOnlyList<SqliteSchemaObject>;

    /// <summary>Refuses, naming the first table and column, a schema of another engine this builder would have to guess at.</summary>
    public void Check()
    {
        if (Native is not null)
        {
            return;
        }

        var names = new Dictionary<string, QualifiedName>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in schema.Schema.Tables)
        {
            if (!names.TryAdd(SqliteDialect.LocalName(table.Name), table.Name))
            {
                throw Refused($"tables {names[SqliteDialect.LocalName(table.Name)]} and {table.Name} would both be named {SqliteDialect.LocalName(table.Name)} in one SQLite file");
            }

            foreach (var column in table.Columns)
            {
                if (!column.IsGenerated && SqliteTypes.ForNeutral(column) is null)
                {
                    throw Refused($"column {table.Name}.{column.Name} has the {schema.Engine} type {column.DataType}, which has no SQLite counterpart in this version");
                }
            }
        }

        if (schema.UnbuildableKey() is { } unbuildable)
        {
            throw Refused(unbuildable);
        }
    }

    public IReadOnlyList<string> PreData()
    {
        if (Native is { } native)
        {
            return [.. native.Where(item => item.Type == "table").Concat(native.Where(item => item.Type == "view")).Where(item => !existing.Contains(item.Name)).Select(item => item.Sql)];
        }

        return [.. schema.Schema.Tables.Select(CreateTable)];
    }

    /// <summary>What belongs to <paramref name="table"/> alone and is built after the load: its indexes (native), or its unique keys and plain indexes (neutral).</summary>
    public IReadOnlyList<string> TablePostData(QualifiedName table)
    {
        var local = SqliteDialect.LocalName(table);
        if (Native is { } native)
        {
            return [.. native.Where(item => item.Type == "index" && item.Table == local && !existing.Contains(item.Name)).Select(item => item.Sql)];
        }

        return [.. IndexesWithTables().Where(index => index.Table == table).Select(index => index.Sql)];
    }

    /// <summary>Everything after the load not built per table yet: indexes, then triggers (native); unique keys and plain indexes (neutral).</summary>
    public IReadOnlyList<string> PostData()
    {
        if (Native is { } native)
        {
            return [.. native.Where(item => item.Type == "index").Concat(native.Where(item => item.Type == "trigger"))
                .Where(item => !existing.Contains(item.Name)).Select(item => item.Sql)];
        }

        return [.. IndexesWithTables().Select(index => index.Sql)];
    }

    /// <summary>
    /// The unique keys, then the plain indexes, of the model's tables (another engine's partitions carry keys of their own,
    /// and are no tables here) that the side file does not have yet, as SQLite statements with the index's name here.
    /// </summary>
    private IEnumerable<(QualifiedName Table, string Sql)> IndexesWithTables()
    {
        var unique = schema.Keys.Where(key => key.Kind is KeyKind.UniqueConstraint or KeyKind.UniqueIndex)
            .Select(key => (key.Table, Name: IndexName(key.Table, key.Name, key.Columns), Unique: true, key.Columns));
        var plain = schema.Indexes.Select(index => (index.Table, Name: IndexName(index.Table, index.Name, index.Columns), Unique: false, index.Columns));
        return unique.Concat(plain)
            .Where(index => schema.Schema.FindTable(index.Table) is not null && !existing.Contains(index.Name))
            .Select(index => (index.Table, $"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {SqliteDialect.Quote(index.Name)} ON {SqliteDialect.Quote(index.Table)} ({SqliteDialect.QuoteList(index.Columns)})"));
    }

    private string CreateTable(TableInfo table)
    {
        var keys = schema.Keys.Where(key => key.Table == table.Name).ToList();
        var primary = keys.FirstOrDefault(key => key.Kind == KeyKind.PrimaryKey);
        // A single integer primary key becomes the rowid ("INTEGER PRIMARY KEY"): new rows then get the next id by themselves.
        var rowid = primary is { Columns.Count: 1 } && table.FindColumn(primary.Columns[0]) is { Category: ColumnCategory.Integer } ? primary.Columns[0] : null;
        // A generated column is built from its portable expression; one in the other engine's own SQL is left out, and the
        // source lists it among what was not built.
        var parts = table.Columns.Where(column => !column.IsGenerated || column.Expression is not null).Select(column => column.Name == rowid
            ? $"{SqliteDialect.Quote(column.Name)} INTEGER NOT NULL CONSTRAINT {SqliteDialect.Quote(primary!.Name)} PRIMARY KEY"
            : $"{SqliteDialect.Quote(column.Name)} {SqliteTypes.ForNeutral(column)}{(column.NotNull ? " NOT NULL" : "")}" +
                (column.Labels is { } labels ? " " + SqliteDialect.LabelCheck(column.Name, labels) : "") +
                (column.Expression is { } expression ? $" GENERATED ALWAYS AS ({expression}) STORED" : "")).ToList();
        if (primary is not null && rowid is null)
        {
            parts.Add($"CONSTRAINT {SqliteDialect.Quote(primary.Name)} PRIMARY KEY ({SqliteDialect.QuoteList(primary.Columns)})");
        }

        parts.AddRange(keys.Where(key => key.IsForeignKey).Select(key =>
            $"CONSTRAINT {SqliteDialect.Quote(key.Name)} FOREIGN KEY ({SqliteDialect.QuoteList(key.Columns)}) " +
            $"REFERENCES {SqliteDialect.Quote(key.ReferencedTable!)} ({SqliteDialect.QuoteList(key.ReferencedColumns)})"));
        return $"CREATE TABLE {SqliteDialect.Quote(table.Name)} ({string.Join(", ", parts)})";
    }

    // One file holds every schema's indexes, so an index of another schema is named like its table (<schema>__<index>).
    // Names starting with sqlite_ are SQLite's own (a source SQLite's unique constraints are sqlite_autoindex_*) and
    // cannot be given to an index: such a key gets the name PostgreSQL would give it.
    private static string IndexName(QualifiedName table, string name, IReadOnlyList<string> columns) =>
        name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)
            ? $"{table.Name}_{string.Join("_", columns)}_key"
            : SqliteDialect.LocalName(new QualifiedName(table.Schema, name));

    private static DataRefreshException Refused(string what) =>
        new(ExitCodes.Configuration, $"The schema cannot be built in the SQLite target: {what}. This version cannot build it: leave the table out with a rule, or refresh into a target of the same engine as the source.");
}
