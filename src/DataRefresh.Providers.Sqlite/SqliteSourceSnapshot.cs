using System.Runtime.CompilerServices;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;
using DataRefresh.Providers.Sqlite.Connections;
using DataRefresh.Providers.Sqlite.Copy;
using DataRefresh.Providers.Sqlite.Errors;
using DataRefresh.Providers.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite;

/// <summary>
/// One read-only connection to the source file holding one read transaction, opened before the schema is read: every
/// read through it — schema, rows, keys — sees the file as it was at that moment (in WAL mode writers go on meanwhile; in
/// the default rollback-journal mode they wait until the run's read ends, which <c>plan</c> says). One connection means one
/// reader at a time (<see cref="ProviderCapabilities.ConsistentReaders"/> = 1): a gate hands it to one operation at a time.
/// </summary>
internal sealed class SqliteSourceSnapshot : ISourceSnapshot
{
    private readonly SqliteConnectionInfo source;
    private readonly SqliteConnection connection;
    private readonly IReadOnlyList<SqliteSchemaObject> objects;
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<KeyDefinition>? keys;
    private IReadOnlyList<IndexDefinition>? indexes;

    private SqliteSourceSnapshot(SqliteConnectionInfo source, SqliteConnection connection, IReadOnlyList<SqliteSchemaObject> objects, DatabaseSchema schema)
    {
        this.source = source;
        this.connection = connection;
        this.objects = objects;
        Schema = schema;
    }

    public DatabaseSchema Schema { get; }

    public static async Task<SqliteSourceSnapshot> OpenAsync(SqliteConnectionInfo source, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(source.Path))
        {
            throw new DataRefreshException(ExitCodes.DatabaseUnavailable, $"The source of environment '{source.Environment}' does not exist: {source.Describe()}; check the path in its connection string.");
        }

        var connection = source.ReadOnly();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await SqliteCommands.ExecuteAsync(connection, "BEGIN DEFERRED", cancellationToken);
            // The first read starts the read transaction; from here on the file is seen as it is now.
            var objects = await SqliteSchemaReader.ReadObjectsAsync(connection, cancellationToken);
            var schema = await SqliteSchemaReader.ReadAsync(connection, objects, cancellationToken);
            return new SqliteSourceSnapshot(source, connection, objects, schema);
        }
        catch (Exception exception) when (exception is SqliteException && !cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync();
            throw SqliteErrors.Explain(exception, $"reading the source {source.Describe()}")!;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightAsync(RefreshPlan plan, Core.Configuration.EnvironmentSettings environment, CancellationToken cancellationToken = default)
    {
        var journal = await WithConnectionAsync(token => ScalarTextAsync("PRAGMA journal_mode", token), cancellationToken);
        var size = new FileInfo(source.Path).Length;
        return
        [
            Core.Preflight.PreflightCheck.Ok($"all {plan.Tables.Count} tables readable in {source.Describe()} ({size / (1024.0 * 1024.0):F1} MB)"),
            string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase)
                ? Core.Preflight.PreflightCheck.Ok("the source is in WAL mode: its writers go on while the run reads it")
                : Core.Preflight.PreflightCheck.Warning($"the source is in {journal} journal mode: programs writing to it wait while the run reads it (PRAGMA journal_mode=WAL lets them go on)"),
        ];
    }

    public async Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default)
    {
        if (!table.IsFiltered)
        {
            return null;
        }

        // Preparing the exact SELECT the copy will use checks the filter's SQL without reading a row.
        try
        {
            await WithConnectionAsync(_ =>
            {
                using var command = SqliteCommands.Create(SqliteRowSelect.Select(table), connection);
                command.Prepare();
                return Task.FromResult(0);
            }, cancellationToken);
            return null;
        }
        catch (SqliteException error)
        {
            return $"the 'where' filter does not run on the source: {SqliteErrors.Sanitize(error)}";
        }
    }

    /// <summary>The read transaction already pins one version of the schema: a change committed meanwhile is not seen, so there is nothing to lock.</summary>
    public Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default)
    {
        var keys = await ReadKeysAsync(cancellationToken);
        indexes ??= await WithConnectionAsync(token => SqliteSchemaReader.ReadIndexesAsync(connection, Schema, token), cancellationToken);
        return new(Schema, keys, Core.Configuration.ProviderKind.Sqlite, objects) { Objects = OtherObjects(indexes), Indexes = indexes };
    }

    /// <summary>What a target of another engine cannot build from the neutral model: views, triggers, indexes over expressions or with a predicate, generated columns whose expression is SQLite's own.</summary>
    private IReadOnlyList<SchemaObject> OtherObjects(IReadOnlyList<IndexDefinition> overColumns) =>
    [
        .. objects.Where(item => item.Type is "view" or "trigger"
                || (item.Type == "index" && !item.Sql.StartsWith("CREATE UNIQUE", StringComparison.OrdinalIgnoreCase) && !overColumns.Any(index => index.Name == item.Name)))
            .Select(item => new SchemaObject(item.Type, item.Type == "trigger" ? $"{item.Name} on {item.Table}" : item.Name)),
        .. SchemaObject.UnportableGeneratedColumns(Schema, table => table.Name),
    ];

    /// <summary>One reader at a time shares the read transaction, so a table is never cut into slices.</summary>
    public Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TableSlice>>([TableSlice.Whole]);

    public async Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SqliteTableReader.OpenAsync(connection, gate, table, options, cancellationToken);
        }
        catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqliteErrors.Explain(error, $"reading {table.Table.Name}")!;
        }
    }

    public async IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var select = $"SELECT {SqliteDialect.Quote(column)} FROM {SqliteDialect.Quote(table.Name)}";
        await foreach (var row in QueryAsync(select, [table.FindColumn(column)!], error => SqliteErrors.Explain(error, $"reading {table.Name}")!, cancellationToken))
        {
            // Null for values that do not decode: the copy counts those (they fail verification).
            yield return row[0] is Undecodable ? null : row[0];
        }
    }

    public IAsyncEnumerable<object?[]> ReadValuesAsync(TablePlan table, IReadOnlyList<string> columns, string? condition, CancellationToken cancellationToken = default) =>
        QueryAsync(
            SqliteRowSelect.Select(table, columns, condition),
            [.. columns.Select(column => table.Table.FindColumn(column)!)],
            // A condition is the job file's SQL, refused before any row was read: the text holds no value.
            error => condition is null
                ? SqliteErrors.Explain(error, $"choosing the subset's rows of {table.Table.Name}")!
                : new Core.Errors.DataRefreshException(Core.Errors.ExitCodes.RulesDoNotMatchSchema, SqliteErrors.Sanitize(error)),
            cancellationToken);

    /// <summary>The rows of a query inside the read transaction, each value decoded for its column; a query SQLite refuses is <paramref name="refused"/>.</summary>
    private async IAsyncEnumerable<object?[]> QueryAsync(
        string sql, ColumnInfo[] columns, Func<SqliteException, Exception> refused, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var command = SqliteCommands.Create(sql, connection);
            SqliteDataReader reader;
            try
            {
                reader = await command.ExecuteReaderAsync(cancellationToken);
            }
            catch (SqliteException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw refused(error);
            }

            await using (reader)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new object?[columns.Length];
                    for (var column = 0; column < columns.Length; column++)
                    {
                        row[column] = SqliteValueCodec.Decode(reader.GetValue(column), columns[column]);
                    }

                    yield return row;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default) =>
        keys ??= await WithConnectionAsync(async token =>
        {
            var all = new List<KeyDefinition>();
            foreach (var table in Schema.Tables)
            {
                all.AddRange(await SqliteSchemaReader.ReadKeysAsync(connection, table.Name.Name, checkRows: true, token));
            }

            return all;
        }, cancellationToken);

    /// <summary>AUTOINCREMENT tables keep their counter in <c>sqlite_sequence</c>; other rowid tables continue after their largest rowid by themselves.</summary>
    public Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<SequenceState>>(async token =>
        {
            var sequences = new List<SequenceState>();
            if (await SqliteCommands.CountAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_sequence'", token) == 0)
            {
                return sequences;
            }

            await using var command = SqliteCommands.Create("SELECT name, seq FROM sqlite_sequence", connection);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                sequences.Add(new SequenceState(new QualifiedName(SqliteDialect.Schema, reader.GetString(0)), reader.GetInt64(1)));
            }

            return sequences;
        }, cancellationToken);

    /// <summary>SQLite has no large objects: big values live in BLOB columns and are copied with their rows.</summary>
    public async IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default) =>
        WithConnectionAsync<IReadOnlyList<object?[]>>(async token =>
        {
            // A random choice over the whole table, not its first pages; SQLite files are small enough for the full scan.
            var columns = string.Join(", ", table.Columns.Select(column => SqliteDialect.Quote(column.Name)));
            await using var command = SqliteCommands.Create($"SELECT {columns} FROM {SqliteDialect.Quote(table.Name)} ORDER BY random() LIMIT @rows", connection);
            command.Parameters.AddWithValue("@rows", rows);
            await using var reader = await command.ExecuteReaderAsync(token);
            var sample = new List<object?[]>();
            while (await reader.ReadAsync(token))
            {
                sample.Add([.. table.Columns.Select((column, index) => SqliteValueCodec.Decode(reader.GetValue(index), column))]);
            }

            return sample;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        gate.Dispose();
    }

    private async Task<T> WithConnectionAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> ScalarTextAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
