using System.Runtime.CompilerServices;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Copy;
using DataRefresh.Providers.PostgreSql.Ddl;
using DataRefresh.Providers.PostgreSql.Errors;
using DataRefresh.Providers.PostgreSql.Sampling;
using DataRefresh.Providers.PostgreSql.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql;

/// <summary>
/// A REPEATABLE READ, READ ONLY transaction on the source whose snapshot is exported with <c>pg_export_snapshot()</c>.
/// Every worker and pg_dump import it, so all tables and the schema are read at one point in time. The exporting
/// transaction stays open until the run ends, which keeps the snapshot valid. The schema dump starts with the snapshot
/// (<see cref="BackgroundSchemaDump"/>).
/// </summary>
internal sealed class PostgreSqlSourceSnapshot : ISourceSnapshot
{
    private const string BeginSnapshotSql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";


    private readonly PostgreSqlConnectionInfo source;
    private readonly NpgsqlConnection connection;
    private readonly string snapshotId;
    private readonly PostgreSqlSchema schema;

    // Runs only: pg_dump of the schema inside the exported snapshot.
    private readonly BackgroundSchemaDump? schemaDump;

    // Read once: the schema export carries them to the target, and verification compares the copy with them.
    private IReadOnlyList<KeyDefinition>? keys;

    private IReadOnlyList<SchemaObject>? objects;
    private IReadOnlyList<IndexDefinition>? indexes;

    private PostgreSqlSourceSnapshot(PostgreSqlConnectionInfo source, NpgsqlConnection connection, string snapshotId, PostgreSqlSchema schema, BackgroundSchemaDump? schemaDump)
    {
        this.source = source;
        this.connection = connection;
        this.snapshotId = snapshotId;
        this.schema = schema;
        this.schemaDump = schemaDump;
    }

    public DatabaseSchema Schema => schema.Schema;

    /// <summary>The schema archive's folder while a run's snapshot is open, or null.</summary>
    internal string? SchemaFolder => schemaDump?.Folder;

    /// <summary>
    /// Tables are sliced only in parts of at least this many pages (default 64 MB of 8 kB pages): below it a slice costs
    /// more in connections and lost COPY FREEZE than it saves. Tests lower it to slice small tables.
    /// </summary>
    internal long MinimumSlicePages { get; set; } = 8192;

    /// <param name="exportSnapshot">
    /// For runs: export the snapshot so parallel readers and pg_dump share its point in time, and start the dump. A catalog
    /// (plan, validate, scan, preview) reads through this one connection only and skips both.
    /// </param>
    public static async Task<PostgreSqlSourceSnapshot> OpenAsync(PostgreSqlConnectionInfo source, bool exportSnapshot = true, CancellationToken cancellationToken = default)
    {
        var connection = await PostgreSqlConnections.OpenAsync(source, "source", cancellationToken);
        BackgroundSchemaDump? schemaDump = null;
        try
        {
            await PostgreSqlConnections.ExecuteAsync(connection, BeginSnapshotSql, cancellationToken);
            var snapshotId = "";
            if (exportSnapshot)
            {
                snapshotId = await PostgreSqlConnections.ScalarAsync<string>(connection, "SELECT pg_export_snapshot()", cancellationToken);
                schemaDump = new BackgroundSchemaDump(source, snapshotId, HoldTimeout, cancellationToken);
            }

            var schema = await PostgreSqlSchemaReader.ReadAsync(connection, cancellationToken);
            return new PostgreSqlSourceSnapshot(source, connection, snapshotId, schema, schemaDump);
        }
        catch
        {
            if (schemaDump is not null)
            {
                await schemaDump.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightAsync(RefreshPlan plan, Core.Configuration.EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        Preflight.PostgreSqlSourcePreflight.CheckAsync(connection, plan, source, cancellationToken);

    public async Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default)
    {
        if (!table.IsRaw && PostgreSqlTableReader.RequiresTextFormat(table, schema.ColumnTypes[table.Table.Name]))
        {
            return "masking a table that has composite-type columns is not supported yet; mask the table's other columns through a view, or leave it unmasked with a reason";
        }

        if (!table.IsFiltered)
        {
            return null;
        }

        // A dry run of the exact SELECT the copy will use, so a broken filter fails now and not halfway through the load.
        await PostgreSqlConnections.ExecuteAsync(connection, "SAVEPOINT check_filter", cancellationToken);
        try
        {
            await PostgreSqlConnections.ExecuteAsync(connection, "EXPLAIN " + RowFilterSql.Select(table), cancellationToken);
            return null;
        }
        catch (PostgresException error) when (error.SqlState == "42501")
        {
            // Not the filter's fault: the source user may not read the table at all.
            throw PostgreSqlErrors.Explain(error, $"reading {table.Table.Name}")!;
        }
        catch (PostgresException error)
        {
            // The statement is ours plus the rule file's filter; it read no rows, so the server's text holds no values.
            return $"the 'where' filter does not run on the source: {error.MessageText}";
        }
        finally
        {
            await PostgreSqlConnections.ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT check_filter", cancellationToken);
        }
    }

    public async Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default)
    {
        if (tables.Count == 0)
        {
            return;
        }

        // ACCESS SHARE conflicts only with ACCESS EXCLUSIVE (DROP, most ALTER TABLE, TRUNCATE, VACUUM FULL). Waiting for a
        // running schema change is bounded, so a stuck migration on production makes the run fail rather than hang.
        var names = string.Join(", ", tables.Select(table => PostgreSqlDialect.Quote(table.Name)));
        try
        {
            await PostgreSqlConnections.ExecuteAsync(connection, $"SET LOCAL lock_timeout = '{(int)HoldTimeout.TotalMilliseconds}ms'", cancellationToken);
            await PostgreSqlConnections.ExecuteAsync(connection, $"LOCK TABLE {names} IN ACCESS SHARE MODE", cancellationToken);
            await PostgreSqlConnections.ExecuteAsync(connection, "SET LOCAL lock_timeout = 0", cancellationToken);
        }
        catch (PostgresException error) when (error.SqlState == "55P03")
        {
            throw new Core.Errors.DataRefreshException(
                Core.Errors.ExitCodes.RefreshFailed,
                $"another session has held a schema change on one of the source's tables for {HoldTimeout.TotalSeconds:F0} s; retry when it is finished. Nothing was written.",
                error);
        }
        catch (PostgresException error) when (error.SqlState == "42P01")
        {
            throw new Core.Errors.DataRefreshException(
                Core.Errors.ExitCodes.RefreshFailed,
                $"a source table was dropped while the run started ({PostgreSqlErrors.Sanitize(error)}); run it again. Nothing was written.",
                error);
        }
        catch (PostgresException error)
        {
            throw PostgreSqlErrors.Explain(error, "cannot lock the source's tables for reading")!;
        }
    }

    /// <summary>How long the run waits for a schema change on the source to let go of a table it copies.</summary>
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(30);

    public async Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default)
    {
        // One dump serves both sections; it is taken inside the snapshot and deleted with it.
        var schemaArchive = await (schemaDump ?? throw new InvalidOperationException("Only a run's snapshot exports the schema.")).ArchiveAsync(cancellationToken);
        await schemaArchive.ReadTocAsync(connection, cancellationToken);
        // The catalog names what the model does not hold; of the generated columns, which the model holds, only those
        // whose expression is not portable (the others every engine builds).
        objects ??= [.. (await PostgreSqlSchemaObjects.ReadAsync(connection, cancellationToken))
            .Concat(SchemaObject.UnportableGeneratedColumns(schema.Schema, table => table.ToString()))
            .OrderBy(item => item.Kind, StringComparer.Ordinal).ThenBy(item => item.Name, StringComparer.Ordinal)];
        indexes ??= await PostgreSqlSchemaObjects.ReadIndexesAsync(connection, cancellationToken);
        return new SchemaExport(schema.Schema, await ReadKeysAsync(cancellationToken), Core.Configuration.ProviderKind.PostgreSql, schemaArchive) { Objects = objects, Indexes = indexes };
    }

    public async Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default)
    {
        // Slices are page ranges read by TID range scans, which PostgreSQL has from version 14; a partitioned parent
        // has no pages of its own, and text-format tables are rare enough to copy whole.
        if (maxSlices <= 1 || table.Table.IsPartitioned || connection.PostgreSqlVersion.Major < 14
            || PostgreSqlTableReader.RequiresTextFormat(table, schema.ColumnTypes[table.Table.Name]))
        {
            return [TableSlice.Whole];
        }

        await using var size = new NpgsqlCommand("SELECT pg_relation_size(@table::regclass) / current_setting('block_size')::bigint", connection);
        size.Parameters.AddWithValue("table", PostgreSqlDialect.Quote(table.Table.Name));
        var pages = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
        return TableSlice.Split(pages, (int)Math.Clamp(pages / MinimumSlicePages, 1, maxSlices));
    }

    public async Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default) =>
        await PostgreSqlTableReader.OpenAsync(source, BeginSnapshotSql, snapshotId, table, slice, schema.ColumnTypes[table.Table.Name], options, cancellationToken);

    public async IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = table.Columns.ToList().FindIndex(candidate => candidate.Name == column);
        var select = $"COPY (SELECT {PostgreSqlDialect.Quote(column)} FROM {PostgreSqlDialect.Quote(table.Name)}) TO STDOUT (FORMAT binary)";
        await using var exporter = await connection.BeginRawBinaryCopyAsync(select, cancellationToken);
        await foreach (var row in BinaryCopyRows.ReadAsync(exporter, [new FieldCodec(schema.ColumnTypes[table.Name][index])], cancellationToken))
        {
            // Null for values that do not decode: the copy counts those (they fail verification).
            yield return row[0] is Core.Values.Undecodable ? null : row[0];
        }
    }

    public async IAsyncEnumerable<object?[]> ReadValuesAsync(
        TablePlan table, IReadOnlyList<string> columns, string? condition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var types = schema.ColumnTypes[table.Table.Name];
        var positions = columns.Select(column => table.Table.Columns.ToList().FindIndex(candidate => candidate.Name == column)).ToList();
        if (positions.Any(position => types[position].NeedsTextFormat))
        {
            throw new Core.Errors.DataRefreshException(
                Core.Errors.ExitCodes.RulesDoNotMatchSchema,
                $"{table.Table.Name} joins its subset through a composite-type column, which the subset cannot read as a key; leave the table out of the subset (rows: none).");
        }

        var codecs = positions.Select(position => new FieldCodec(types[position])).ToArray();
        var context = $"choosing the subset's rows of {table.Table.Name}";
        NpgsqlRawCopyStream exporter;
        try
        {
            exporter = await connection.BeginRawBinaryCopyAsync($"COPY ({RowFilterSql.Select(table, null, columns, condition)}) TO STDOUT (FORMAT binary)", cancellationToken);
        }
        catch (PostgresException error) when (condition is not null && error.SqlState != "42501")
        {
            // Ours plus the job file's condition, refused before any row was read: the server's text holds no values.
            throw new Core.Errors.DataRefreshException(Core.Errors.ExitCodes.RulesDoNotMatchSchema, error.MessageText, error);
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, context)!;
        }

        await using (exporter)
        {
            await foreach (var row in BinaryCopyRows.ReadAsync(exporter, codecs, cancellationToken))
            {
                yield return row;
            }
        }
    }

    public async Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return keys ??= await Verification.PostgreSqlKeyReader.ReadAsync(connection, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, "reading the source's keys and unique constraints")!;
        }
    }

    // lo_get reads this much per call, so a large object of any size streams in bounded memory.
    private const int LargeObjectChunk = 1024 * 1024;

    public async IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = new List<uint>();
        await using (var list = new NpgsqlCommand("SELECT oid FROM pg_largeobject_metadata ORDER BY oid", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetFieldValue<uint>(0));
            }
        }

        foreach (var id in ids)
        {
            yield return new LargeObject(id, withContent ? ReadLargeObjectAsync(id, cancellationToken) : AsyncEnumerable.Empty<ReadOnlyMemory<byte>>());
        }
    }

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLargeObjectAsync(uint id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var read = new NpgsqlCommand("SELECT lo_get(@id, @offset, @length)", connection);
        var offset = read.Parameters.AddWithValue("offset", 0L);
        read.Parameters.AddWithValue("id", NpgsqlTypes.NpgsqlDbType.Oid, id);
        read.Parameters.AddWithValue("length", LargeObjectChunk);
        for (var at = 0L; ; at += LargeObjectChunk)
        {
            offset.Value = at;
            byte[] chunk;
            try
            {
                chunk = (byte[])(await read.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                throw PostgreSqlErrors.Explain(exception, $"reading large object {id}")!;
            }

            if (chunk.Length > 0)
            {
                yield return chunk;
            }

            if (chunk.Length < LargeObjectChunk)
            {
                yield break;
            }
        }
    }

    public async Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default)
    {
        var values = new List<SequenceState>();
        await using var command = new NpgsqlCommand("SELECT schemaname, sequencename, last_value FROM pg_sequences WHERE last_value IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(new SequenceState(new QualifiedName(reader.GetString(0), reader.GetString(1)), reader.GetInt64(2)));
        }

        return values;
    }

    public Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default) =>
        PostgreSqlRowSampler.SampleAsync(connection, table, schema.ColumnTypes[table.Name], rows, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (schemaDump is not null)
        {
            await schemaDump.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
