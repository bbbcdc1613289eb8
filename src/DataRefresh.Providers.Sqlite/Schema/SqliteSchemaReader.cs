using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Schema;

/// <summary>
/// Reads a SQLite file's tables, columns, keys and schema entries through <c>sqlite_schema</c> and the table-valued
/// pragmas (<c>pragma_table_xinfo</c>, <c>pragma_index_list</c>, <c>pragma_index_info</c>, <c>pragma_foreign_key_list</c>),
/// which only read. Every table is in schema <c>main</c>; SQLite's own tables (<c>sqlite_%</c>) are not copied as tables.
/// </summary>
internal static class SqliteSchemaReader
{
    public static async Task<IReadOnlyList<SqliteSchemaObject>> ReadObjectsAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        var objects = new List<SqliteSchemaObject>();
        // rowid order is the order SQLite created them in, which is an order they can be created in again.
        await using var command = SqliteCommands.Create(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            objects.Add(new SqliteSchemaObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return objects;
    }

    public static async Task<DatabaseSchema> ReadAsync(SqliteConnection connection, IReadOnlyList<SqliteSchemaObject> objects, CancellationToken cancellationToken = default)
    {
        var tables = new List<TableInfo>();
        foreach (var table in objects.Where(item => item.Type == "table" && !IsVirtual(item)))
        {
            var name = new QualifiedName(SqliteDialect.Schema, table.Name);
            var columns = (await ReadColumnsAsync(connection, table.Name, cancellationToken)).Select(column => SqliteTypes.WithLabels(column, table.Sql)).ToList();
            var keys = await ReadKeysAsync(connection, table.Name, checkRows: false, cancellationToken);
            var foreignKeys = keys.Where(key => key.IsForeignKey)
                .Select(key => new ForeignKeyInfo(key.Name, key.Columns, key.ReferencedTable!, key.ReferencedColumns))
                .ToList();
            var unique = keys.Where(key => !key.IsForeignKey && key.Simple).Select(key => key.Columns).ToList();
            var rows = await SqliteCommands.CountAsync(connection, $"SELECT count(*) FROM {SqliteDialect.Quote(table.Name)}", cancellationToken);
            tables.Add(PortableExpression.ForGeneratedColumns(
                new TableInfo(name, columns, foreignKeys, rows, IsPartitioned: false, unique), column => SqliteColumnDefinitions.GenerationExpression(table.Sql, column.Name)));
        }

        return new DatabaseSchema(tables);
    }

    /// <summary>Virtual tables (full-text indexes and the like) are backed by modules and shadow tables, not rows of their own.</summary>
    public static bool IsVirtual(SqliteSchemaObject table) => table.Sql.StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase);

    private static async Task<IReadOnlyList<ColumnInfo>> ReadColumnsAsync(SqliteConnection connection, string table, CancellationToken cancellationToken)
    {
        var columns = new List<ColumnInfo>();
        // The rowid alias (a lone INTEGER PRIMARY KEY) can never be NULL, though SQLite reports it without "notnull".
        await using var command = SqliteCommands.Create(
            """
            SELECT name, type, "notnull" OR (pk = 1 AND upper(type) = 'INTEGER' AND (SELECT count(*) FROM pragma_table_info(@table) WHERE pk > 0) = 1), hidden
            FROM pragma_table_xinfo(@table) ORDER BY cid
            """, connection);
        command.Parameters.AddWithValue("@table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // hidden: 2 and 3 are generated columns (virtual, stored), computed by the target from their expression.
            var hidden = reader.GetInt64(3);
            columns.Add(SqliteTypes.Describe(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, generated: hidden is 2 or 3));
        }

        return columns;
    }

    /// <summary>
    /// A table's keys: its primary key (named <c>&lt;table&gt;_pkey</c>, since SQLite keeps no name for it), unique
    /// constraints (by their automatic index's name) and unique indexes, and foreign keys (named
    /// <c>&lt;table&gt;_&lt;columns&gt;_fkey</c>). SQLite does not check foreign keys unless a connection asks it to, so
    /// with <paramref name="checkRows"/> a foreign key counts as valid only when <c>pragma_foreign_key_check</c> finds no
    /// row breaking it — a scan of the table, done only when the keys' validity is needed (a run's source keys); without
    /// it every key is taken as valid (the schema's shape, a side file whose rows verification checks itself).
    /// </summary>
    public static async Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(SqliteConnection connection, string table, bool checkRows, CancellationToken cancellationToken = default)
    {
        var name = new QualifiedName(SqliteDialect.Schema, table);
        var keys = new List<KeyDefinition>();
        var primary = await ListAsync(connection, "SELECT name FROM pragma_table_info(@table) WHERE pk > 0 ORDER BY pk", table, cancellationToken);
        if (primary.Count > 0)
        {
            keys.Add(new KeyDefinition(name, table + "_pkey", KeyKind.PrimaryKey, $"PRIMARY KEY ({SqliteDialect.QuoteList(primary)})", true, primary, null, [], true));
        }

        foreach (var (index, origin, partial, columns) in await ReadIndexListAsync(connection, table, unique: true, cancellationToken))
        {
            var simple = !partial && columns.All(column => column.Length > 0);
            var kind = origin == "c" ? KeyKind.UniqueConstraint : KeyKind.UniqueIndex;
            keys.Add(new KeyDefinition(name, index, kind, $"UNIQUE ({SqliteDialect.QuoteList(columns)}){(partial ? " WHERE …" : "")}", true, columns, null, [], simple));
        }

        var broken = checkRows ? await ListAsync(connection, "SELECT DISTINCT fkid FROM pragma_foreign_key_check(@table)", table, cancellationToken) : [];
        await using (var foreign = SqliteCommands.Create("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(@table) ORDER BY id, seq", connection))
        {
            foreign.Parameters.AddWithValue("@table", table);
            var byId = new SortedDictionary<long, (string Parent, List<string> From, List<string?> To)>();
            await using (var reader = await foreign.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt64(0);
                    if (!byId.TryGetValue(id, out var key))
                    {
                        byId[id] = key = (reader.GetString(1), [], []);
                    }

                    key.From.Add(reader.GetString(2));
                    key.To.Add(reader.IsDBNull(3) ? null : reader.GetString(3));
                }
            }

            foreach (var (id, key) in byId)
            {
                // A reference without columns means the parent's primary key.
                var referenced = key.To.All(column => column is not null)
                    ? key.To.Select(column => column!).ToList()
                    : [.. await ListAsync(connection, "SELECT name FROM pragma_table_info(@table) WHERE pk > 0 ORDER BY pk", key.Parent, cancellationToken)];
                var parent = new QualifiedName(SqliteDialect.Schema, key.Parent);
                var valid = !broken.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                keys.Add(new KeyDefinition(
                    name, $"{table}_{string.Join("_", key.From)}_fkey", KeyKind.ForeignKey,
                    $"FOREIGN KEY ({SqliteDialect.QuoteList(key.From)}) REFERENCES {SqliteDialect.Quote(key.Parent)} ({SqliteDialect.QuoteList(referenced)})",
                    valid, key.From, parent, referenced, true));
            }
        }

        return keys;
    }

    /// <summary>
    /// The plain (non-unique) indexes of the tables that name columns only — no expression, no <c>WHERE</c> — which any
    /// engine can build from the model. The others stay SQLite's own SQL.
    /// </summary>
    public static async Task<IReadOnlyList<IndexDefinition>> ReadIndexesAsync(SqliteConnection connection, DatabaseSchema schema, CancellationToken cancellationToken = default)
    {
        var indexes = new List<IndexDefinition>();
        foreach (var table in schema.Tables)
        {
            indexes.AddRange((await ReadIndexListAsync(connection, table.Name.Name, unique: false, cancellationToken))
                .Where(index => !index.Partial && index.Columns.All(column => column.Length > 0))
                .Select(index => new IndexDefinition(table.Name, index.Name, index.Columns)));
        }

        return indexes;
    }

    /// <summary>
    /// A table's unique or plain indexes, by name, other than its primary key's: how each came to be (<c>c</c>: CREATE
    /// INDEX, <c>u</c>: a UNIQUE constraint), whether it has a predicate, and its columns ("" for an expression).
    /// </summary>
    private static async Task<List<(string Name, string Origin, bool Partial, IReadOnlyList<string> Columns)>> ReadIndexListAsync(
        SqliteConnection connection, string table, bool unique, CancellationToken cancellationToken)
    {
        var found = new List<(string Name, string Origin, bool Partial)>();
        await using (var list = SqliteCommands.Create("SELECT name, origin, partial FROM pragma_index_list(@table) WHERE \"unique\" = @unique AND origin <> 'pk' ORDER BY name", connection))
        {
            list.Parameters.AddWithValue("@table", table);
            list.Parameters.AddWithValue("@unique", unique ? 1 : 0);
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1));
            }
        }

        var indexes = new List<(string Name, string Origin, bool Partial, IReadOnlyList<string> Columns)>();
        foreach (var (name, origin, partial) in found)
        {
            indexes.Add((name, origin, partial, await ListAsync(connection, "SELECT coalesce(name, '') FROM pragma_index_info(@table) ORDER BY seqno", name, cancellationToken)));
        }

        return indexes;
    }

    private static async Task<IReadOnlyList<string>> ListAsync(SqliteConnection connection, string sql, string argument, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(sql, connection);
        command.Parameters.AddWithValue("@table", argument);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}
