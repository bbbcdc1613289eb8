using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Connections;
using Npgsql;
using Serilog;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// The side database <c>&lt;target&gt;__refresh_&lt;run&gt;</c> a run loads into. Cut-over swaps it in by rename; disposing
/// without cut-over drops it, so the target keeps serving its previous copy after any failure.
/// </summary>
internal sealed class PostgreSqlTargetLoad : ITargetLoad
{
    private readonly PostgreSqlConnectionInfo maintenance;
    private readonly string targetDatabase;
    private readonly string runId;
    private readonly ILogger logger;
    private readonly SemaphoreSlim typeOidsLock = new(1, 1);
    private Dictionary<QualifiedName, uint>? typeOids;
    private bool cutOver;

    // Set when the schema came from another engine's neutral model: columns then have the types NeutralSchemaDdl chose,
    // and keys are compared by their columns, not by the engines' differing texts.
    private bool builtFromNeutralModel;

    // Post-data built table by table before the final pass: archive entries (by position) or neutral-model keys, the
    // tables whose own post-data is in, and a gate that lets one foreign key between such tables be built at a time
    // (two at once could lock the same pair of tables in opposite orders).
    private readonly HashSet<int> builtEntries = [];
    private readonly HashSet<KeyDefinition> builtKeys = [];
    private readonly HashSet<IndexDefinition> builtIndexes = [];
    private readonly HashSet<QualifiedName> builtTables = [];
    private readonly SemaphoreSlim foreignKeyGate = new(1, 1);

    // Tables loaded whole with COPY FREEZE: every page all-visible, so their indexes can be scanned without the heap.
    // Guarded, like the sets above, by the lock on builtEntries.
    private readonly HashSet<QualifiedName> frozenTables = [];

    private PostgreSqlTargetLoad(PostgreSqlConnectionInfo target, string runId, ILogger logger)
    {
        this.runId = runId;
        maintenance = target.WithDatabase(PostgreSqlConnectionInfo.MaintenanceDatabase);
        targetDatabase = target.Database;
        DatabaseName = SideDatabaseNames.Refresh(targetDatabase, runId);
        Side = target.WithDatabase(DatabaseName).ForBulkCopy();
        this.logger = logger;
    }

    public string DatabaseName { get; }

    /// <summary>Everything beyond tables and keys when the schema came from another engine's model; nothing from pg_dump's archive.</summary>
    public IReadOnlyList<SchemaObject> NotBuilt { get; private set; } = [];

    public PostgreSqlConnectionInfo Side { get; }

    public static async Task<PostgreSqlTargetLoad> CreateAsync(PostgreSqlConnectionInfo target, string runId, ILogger logger, CancellationToken cancellationToken = default)
    {
        var load = new PostgreSqlTargetLoad(target, runId, logger);
        await load.ExecuteOnMaintenanceAsync($"CREATE DATABASE {PostgreSqlDialect.Quote(load.DatabaseName)} TEMPLATE template0", cancellationToken);
        logger.Information("Created side database {Database}", load.DatabaseName);
        return load;
    }

    public async Task<NpgsqlConnection> OpenSideConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(Side.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task ApplySchemaAsync(SchemaExport schema, SchemaSection section, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        if (schema.NativeArchive is Ddl.SchemaArchive archive)
        {
            var list = section == SchemaSection.PostData && builtEntries.Count > 0 ? archive.Toc.ListWithout(builtEntries) : null;
            await archive.RestoreAsync(Side, section, options.KeepOwnership, options.Parallelism, list, cancellationToken: cancellationToken);
            return;
        }

        builtFromNeutralModel = true;
        if (section == SchemaSection.PreData)
        {
            Ddl.NeutralSchemaDdl.Check(schema);
            NotBuilt = schema.Objects;
            await ExecuteNeutralAsync(schema, Ddl.NeutralSchemaDdl.PreData(schema.Schema), "tables", cancellationToken);
        }
        else
        {
            await ExecuteNeutralAsync(
                schema, Ddl.NeutralSchemaDdl.PostData([.. schema.Keys.Where(key => !builtKeys.Contains(key))], [.. schema.Indexes.Where(index => !builtIndexes.Contains(index))]), "keys and indexes", cancellationToken);
        }
    }

    public async Task ApplyTableSchemaAsync(SchemaExport schema, QualifiedName table, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        if (schema.NativeArchive is Ddl.SchemaArchive archive)
        {
            var entries = archive.Toc.EntriesOf(table);
            if (entries.Count > 0)
            {
                await archive.RestoreAsync(Side, SchemaSection.PostData, options.KeepOwnership, 1, archive.Toc.ListOnly([.. entries]), cancellationToken: cancellationToken);
            }

            lock (builtEntries)
            {
                builtEntries.UnionWith(entries);
                builtTables.Add(table);
            }

            await BuildForeignKeysAmongBuiltTablesAsync(archive, options, cancellationToken);
            return;
        }

        var keys = schema.Keys.Where(key => key.Table == table && !key.IsForeignKey).ToList();
        var indexes = schema.Indexes.Where(index => index.Table == table).ToList();
        await ExecuteNeutralAsync(schema, Ddl.NeutralSchemaDdl.PostData(keys, indexes), $"keys and indexes of {table}", cancellationToken);
        lock (builtKeys)
        {
            builtKeys.UnionWith(keys);
            builtIndexes.UnionWith(indexes);
        }
    }

    /// <summary>Foreign keys whose two tables both have their own post-data in (a unique key to reference, all rows loaded), built now rather than at the end.</summary>
    private async Task BuildForeignKeysAmongBuiltTablesAsync(Ddl.SchemaArchive archive, SchemaApplyOptions options, CancellationToken cancellationToken)
    {
        await foreignKeyGate.WaitAsync(cancellationToken);
        try
        {
            List<int> ready;
            List<int> byIndexes;
            lock (builtEntries)
            {
                ready = [.. archive.Toc.ForeignKeysAmong(builtTables).Where(entry => !builtEntries.Contains(entry))];
                byIndexes = [.. ready.Where(entry => archive.Toc.IsCheckedByIndexes(entry, frozenTables))];
            }

            // A new foreign key's check is an anti-join of its table against the referenced key. The planner, without
            // statistics on just-loaded tables, hashes the referenced key; where both sides have a matching index over
            // all-visible pages, merging the two index scans checks the same rows about three times faster (1M
            // customers: 0.3 s against 1.1 s for orders → customers, at the end of the run). The check itself is unchanged.
            await RestoreKeysAsync(byIndexes, "-c enable_hashjoin=off");
            await RestoreKeysAsync([.. ready.Except(byIndexes)], settings: null);

            lock (builtEntries)
            {
                builtEntries.UnionWith(ready);
            }
        }
        finally
        {
            foreignKeyGate.Release();
        }

        async Task RestoreKeysAsync(List<int> keys, string? settings)
        {
            if (keys.Count > 0)
            {
                await archive.RestoreAsync(Side, SchemaSection.PostData, options.KeepOwnership, 1, archive.Toc.ListOnly(keys), settings, cancellationToken);
            }
        }
    }

    private async Task ExecuteNeutralAsync(SchemaExport schema, IReadOnlyList<string> statements, string what, CancellationToken cancellationToken)
    {
        await using var side = await OpenSideConnectionAsync(cancellationToken);
        await using var transaction = await side.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var statement in statements)
            {
                await ExecuteAsync(side, transaction, statement, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw Errors.PostgreSqlErrors.Explain(exception, $"building the {what} of the {schema.Engine} source's schema")!;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "DDL from NeutralSchemaDdl: identifiers quoted through PostgreSqlDialect, no values.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> ResolveTypeIdAsync(QualifiedName type, CancellationToken cancellationToken = default) => await GetTypeOidAsync(type, cancellationToken);

    public async Task<ITableWriter> OpenTableWriterAsync(Core.Planning.TablePlan table, TableSlice slice, string format, CancellationToken cancellationToken = default)
    {
        if (Copy.PostgreSqlTableWriter.Freezes(table, slice))
        {
            lock (builtEntries)
            {
                frozenTables.Add(table.Table.Name);
            }
        }

        return await Copy.PostgreSqlTableWriter.OpenAsync(await OpenSideConnectionAsync(cancellationToken), table, slice, format, GetTypeOidAsync, builtFromNeutralModel, cancellationToken);
    }

    public async Task ApplySequencesAsync(IReadOnlyList<SequenceState> sequences, CancellationToken cancellationToken = default)
    {
        if (builtFromNeutralModel && sequences.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"the source has {sequences.Count} sequence(s) or identity counter(s), which a schema built from another engine's model does not have on the PostgreSQL target; refresh into a target of the same engine. The target was not changed.");
        }

        await using var side = await OpenSideConnectionAsync(cancellationToken);
        await using var setValue = new NpgsqlCommand("SELECT setval(@sequence::regclass, @value, true)", side);
        var sequence = setValue.Parameters.Add(new NpgsqlParameter("sequence", NpgsqlTypes.NpgsqlDbType.Text));
        var value = setValue.Parameters.Add(new NpgsqlParameter("value", NpgsqlTypes.NpgsqlDbType.Bigint));
        foreach (var state in sequences)
        {
            sequence.Value = PostgreSqlDialect.Quote(state.Name);
            value.Value = state.LastValue;
            await setValue.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Core.Verification.VerificationCheck>> VerifyKeysAsync(IReadOnlyList<KeyDefinition> sourceKeys, CancellationToken cancellationToken = default)
    {
        await using var side = await OpenSideConnectionAsync(cancellationToken);
        try
        {
            return await Verification.PostgreSqlKeyVerifier.VerifyAsync(sourceKeys, side, compareDefinitions: !builtFromNeutralModel, cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw Errors.PostgreSqlErrors.Explain(exception, "verifying keys and unique constraints")!;
        }
    }

    /// <summary>The side database's OID for a user type, to rewrite array headers copied from the source.</summary>
    public async Task<uint> GetTypeOidAsync(QualifiedName type, CancellationToken cancellationToken = default)
    {
        await typeOidsLock.WaitAsync(cancellationToken);
        try
        {
            if (typeOids is null)
            {
                typeOids = [];
                await using var connection = await OpenSideConnectionAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT n.nspname, t.typname, t.oid FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    typeOids[new QualifiedName(reader.GetString(0), reader.GetString(1))] = reader.GetFieldValue<uint>(2);
                }
            }

            return typeOids.TryGetValue(type, out var oid)
                ? oid
                : throw new DataRefreshException(ExitCodes.RefreshFailed, $"The side database has no type {type} after the schema was copied; the source schema changed during the run. Retry.");
        }
        finally
        {
            typeOidsLock.Release();
        }
    }

    /// <summary>Fills materialized views, which pg_dump's schema sections create empty, in creation order (later ones may read earlier ones).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Identifiers are quoted through PostgreSqlDialect and carry no values.")]
    public async Task FinishLoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSideConnectionAsync(cancellationToken);
        var views = new List<QualifiedName>();
        await using (var command = new NpgsqlCommand("SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm' ORDER BY c.oid", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                views.Add(new QualifiedName(reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var view in views)
        {
            await using var refresh = new NpgsqlCommand($"REFRESH MATERIALIZED VIEW {PostgreSqlDialect.Quote(view)}", connection) { CommandTimeout = 0 };
            await refresh.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<long>> RunAfterStepAsync(Core.Jobs.AfterStep step, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSideConnectionAsync(cancellationToken);
        return await PostgreSqlAfterStep.RunAsync(connection, step, cancellationToken);
    }

    /// <summary>One transaction for all of them: a failure leaves none behind, and the side database is dropped anyway.</summary>
    public async Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSideConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var create = new NpgsqlCommand("SELECT lo_create(@id)", connection, transaction);
        var createId = create.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Oid));
        await using var put = new NpgsqlCommand("SELECT lo_put(@id, @offset, @data)", connection, transaction);
        var putId = put.Parameters.Add(new NpgsqlParameter("id", NpgsqlTypes.NpgsqlDbType.Oid));
        var offset = put.Parameters.Add(new NpgsqlParameter("offset", NpgsqlTypes.NpgsqlDbType.Bigint));
        var data = put.Parameters.Add(new NpgsqlParameter("data", NpgsqlTypes.NpgsqlDbType.Bytea));
        long written = 0;
        await foreach (var largeObject in objects.WithCancellation(cancellationToken))
        {
            createId.Value = putId.Value = (uint)largeObject.Id;
            await create.ExecuteNonQueryAsync(cancellationToken);
            long at = 0;
            await foreach (var chunk in largeObject.Content.WithCancellation(cancellationToken))
            {
                offset.Value = at;
                data.Value = chunk;
                await put.ExecuteNonQueryAsync(cancellationToken);
                at += chunk.Length;
            }

            written++;
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSideConnectionAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_largeobject_metadata", connection);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Identifiers are quoted through PostgreSqlDialect and carry no values.")]
    public async Task<IReadOnlyDictionary<QualifiedName, long>> CountRowsAsync(IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<QualifiedName, long>();
        await using var connection = await OpenSideConnectionAsync(cancellationToken);
        foreach (var table in tables)
        {
            try
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {PostgreSqlDialect.Quote(table)}", connection) { CommandTimeout = 0 };
                counts[table] = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
            {
                throw Errors.PostgreSqlErrors.Explain(exception, $"counting the rows of {table} in the side database")!;
            }
        }

        return counts;
    }

    /// <summary>
    /// Swaps the side database in (<see cref="DatabaseSwap"/>: both renames in one transaction), then drops the old copy
    /// or keeps it as __previous.
    /// </summary>
    public async Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Side.ConnectionString));
        var retired = SideDatabaseNames.Retired(targetDatabase, runId);

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var exists = await DatabaseSwap.ExistsAsync(connection, targetDatabase, cancellationToken);
        await DatabaseSwap.SwapInAsync(connection, targetDatabase, exists, DatabaseName, retired, "Cut-over", logger, cancellationToken);
        cutOver = true;
        logger.Information("Cut over: {Side} is now {Target}", DatabaseName, targetDatabase);
        if (!exists)
        {
            return;
        }

        await HaltPoint.ReachedAsync(HaltPoint.Renamed, cancellationToken);

        // The new copy is serving: what follows must not be cut short by Ctrl+C, or the old copy stays as a leftover.
        if (keepPrevious)
        {
            var previous = SideDatabaseNames.Previous(targetDatabase);
            await DatabaseSwap.DropAsync(connection, previous, CancellationToken.None);
            await DatabaseSwap.TerminateSessionsAsync(connection, [retired], CancellationToken.None);
            await DatabaseSwap.RenameAsync(connection, retired, previous, CancellationToken.None);
            logger.Information("Kept the previous copy of {Target} as {Previous}", targetDatabase, previous);
        }
        else
        {
            await DatabaseSwap.DropAsync(connection, retired, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        typeOidsLock.Dispose();
        foreignKeyGate.Dispose();
        if (cutOver)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Side.ConnectionString));
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(CancellationToken.None);
            await DatabaseSwap.DropAsync(connection, DatabaseName, CancellationToken.None);
            logger.Information("Dropped side database {Database}; the target was not changed", DatabaseName);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.Warning("Could not drop side database {Database} ({Reason}); drop it by hand", DatabaseName, exception.GetType().Name);
        }
    }

    private async Task ExecuteOnMaintenanceAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await PostgreSqlConnections.ExecuteAsync(connection, sql, cancellationToken);
    }
}
