using System.Runtime.CompilerServices;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Preflight;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;
using DataRefresh.Providers.SqlServer.Connections;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Errors;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Schema.Security;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// A SQL Server source, read at one point in time as its environment's consistency mode says
/// (<see cref="SqlServerConsistency"/>): in the default mode one connection holds one SNAPSHOT-isolation transaction,
/// opened before the catalog is read, and a gate hands it to one reader at a time; with a database snapshot every reader
/// opens its own connection to the snapshot; per table every reader opens its own SNAPSHOT transaction. The catalog view
/// for commands that do not copy (<see cref="ISourceCatalog"/>) reads in autocommit on one connection. It only reads;
/// the database snapshot, in that mode only, is the one object it creates.
/// </summary>
internal sealed class SqlServerSourceSnapshot : ISourceSnapshot
{
    private readonly EnvironmentSettings source;
    private readonly SqlServerConsistency? mode;
    private readonly SqlConnection connection;
    private readonly DatabaseSnapshotLease? databaseSnapshot;
    private readonly SqlServerSourceSchema catalog;
    private readonly string collation;
    private readonly SqlServerSecurity security;
    private readonly IReadOnlyList<string> maskedColumns;
    private readonly bool canUnmask;
    private readonly SemaphoreSlim gate = new(1, 1);

    private SqlServerSourceSnapshot(
        EnvironmentSettings source, SqlServerConsistency? mode, SqlConnection connection, DatabaseSnapshotLease? databaseSnapshot,
        SqlServerSourceSchema catalog, string collation, SqlServerSecurity security, IReadOnlyList<string> maskedColumns, bool canUnmask)
    {
        this.source = source;
        this.mode = mode;
        this.connection = connection;
        this.databaseSnapshot = databaseSnapshot;
        this.catalog = catalog;
        this.collation = collation;
        this.security = security;
        this.maskedColumns = maskedColumns;
        this.canUnmask = canUnmask;
    }

    public DatabaseSchema Schema => catalog.Schema;

    public int? ConsistentReaders => mode is { } chosen ? SqlServerConsistencyModes.ConsistentReaders(chosen, int.MaxValue) : null;

    public string? Guarantee => mode is { } chosen ? SqlServerConsistencyModes.Guarantee(chosen) : null;

    /// <param name="mode">How a run reads the source; null for the catalog of commands that do not copy.</param>
    public static async Task<SqlServerSourceSnapshot> OpenAsync(EnvironmentSettings source, SqlServerConsistency? mode, TimeProvider time, CancellationToken cancellationToken)
    {
        DatabaseSnapshotLease? lease = null;
        SqlConnection? connection = null;
        try
        {
            if (mode == SqlServerConsistency.DatabaseSnapshot)
            {
                lease = await DatabaseSnapshotLease.CreateAsync(source, time, cancellationToken);
            }

            connection = await SqlServerConnections.OpenAsync(ConnectionString(source, lease), source, cancellationToken);
            if (mode is SqlServerConsistency.Snapshot or SqlServerConsistency.PerTable)
            {
                await RequireSnapshotIsolationAsync(connection, source, cancellationToken);
            }

            if (mode == SqlServerConsistency.Snapshot)
            {
                // From here every read of this connection sees the database as it is now.
                await SqlServerCommands.ExecuteAsync(connection, SourceSql.BeginSnapshot, cancellationToken);
            }

            var schema = await SqlServerCatalogReader.ReadAsync(connection, null, cancellationToken);
            var collation = (string)(await ScalarAsync(connection, SourceSql.Collation, cancellationToken))!;
            var security = await SecurityReader.ReadAsync(connection, null, cancellationToken);
            await using var masked = SqlServerCommands.Create(SourceSql.MaskedColumns, connection);
            var maskedColumns = (await SqlServerCommands.RowsAsync(masked, cancellationToken)).Select(row => (string)row[0]!).ToList();
            var canUnmask = maskedColumns.Count == 0 || Convert.ToInt32(await ScalarAsync(connection, SourceSql.CanUnmask, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
            return new SqlServerSourceSnapshot(source, mode, connection, lease, schema, collation, security, maskedColumns, canUnmask);
        }
        catch (Exception exception)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            if (lease is not null)
            {
                await lease.DisposeAsync();
            }

            if (exception is SqlException error && !cancellationToken.IsCancellationRequested)
            {
                throw SqlServerErrors.Explain(error, $"reading the source '{source.Name}'")!;
            }

            throw;
        }
    }

    private static async Task RequireSnapshotIsolationAsync(SqlConnection connection, EnvironmentSettings source, CancellationToken cancellationToken)
    {
        if (Convert.ToInt32(await ScalarAsync(connection, SourceSql.SnapshotIsolationState, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) != 1)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"source '{source.Name}' does not allow snapshot isolation, which reading it at one point in time needs; run ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION ON on it, " +
                $"or set DataRefresh:Environments:{source.Name}:Consistency to DatabaseSnapshot. Nothing was copied.");
        }
    }

    public async Task<IReadOnlyList<PreflightCheck>> PreflightAsync(RefreshPlan plan, EnvironmentSettings environment, CancellationToken cancellationToken = default)
    {
        return await WithMainConnectionAsync<IReadOnlyList<PreflightCheck>>(async token =>
        {
            var checks = new List<PreflightCheck>();
            var unreadable = new List<string>();
            await using (var canSelect = SqlServerCommands.Create(SourceSql.CanSelect, connection))
            {
                var table = canSelect.Parameters.Add("@table", System.Data.SqlDbType.NVarChar, 300);
                foreach (var planned in plan.Tables)
                {
                    table.Value = SqlServerDialect.Quote(planned.Table.Name);
                    if (Convert.ToInt32(await canSelect.ExecuteScalarAsync(token) ?? 0, System.Globalization.CultureInfo.InvariantCulture) != 1)
                    {
                        unreadable.Add(planned.Table.Name.ToString());
                    }
                }
            }

            var bytes = await ScalarAsync(connection, SourceSql.DataSize, token) is { } size and not DBNull ? Convert.ToInt64(size, System.Globalization.CultureInfo.InvariantCulture) : 0;
            checks.Add(unreadable.Count == 0
                ? PreflightCheck.Ok($"all {plan.Tables.Count} tables readable ({bytes / (1024.0 * 1024.0):F1} MB of data in the source)")
                : PreflightCheck.Missing($"the source's login cannot SELECT {string.Join(", ", unreadable)}; GRANT SELECT on them (or on the schema)"));
            checks.Add(DynamicDataMasking.Refusal(source.Name, maskedColumns, canUnmask) is { } refusal
                ? PreflightCheck.Missing(refusal.Message)
                : PreflightCheck.Ok(maskedColumns.Count == 0 ? "no Dynamic Data Masking on the source" : "the login reads dynamically masked columns unmasked (UNMASK)"));
            var consistency = SqlServerConsistencyModes.Parse(environment.Consistency) ?? SqlServerConsistency.Snapshot;
            checks.Add(consistency == SqlServerConsistency.DatabaseSnapshot
                ? PreflightCheck.Note("a database snapshot of the source is created for the run (named <database>__dr_snapshot_<time>) and dropped after it")
                : Convert.ToInt32(await ScalarAsync(connection, SourceSql.SnapshotIsolationState, token), System.Globalization.CultureInfo.InvariantCulture) == 1
                    ? PreflightCheck.Ok("the source allows snapshot isolation: " + SqlServerConsistencyModes.Guarantee(consistency))
                    : PreflightCheck.Missing("the source does not allow snapshot isolation (ALLOW_SNAPSHOT_ISOLATION OFF); turn it on or choose Consistency: DatabaseSnapshot"));
            if (environment.Production && !Convert.ToBoolean(await ScalarAsync(connection, SourceSql.Encrypted, token) ?? false, System.Globalization.CultureInfo.InvariantCulture))
            {
                checks.Add(PreflightCheck.Warning("the connection to the production source is not encrypted; set Encrypt=True in its connection string"));
            }

            foreach (var item in catalog.NotScripted)
            {
                checks.Add(PreflightCheck.Warning($"not copied: {item} (DataRefresh cannot script it)"));
            }

            return checks;
        }, cancellationToken);
    }

    public Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default)
    {
        var prefix = table.Table.Name + ".";
        var encrypted = catalog.EncryptedColumns.Where(column => column.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (encrypted.Count > 0)
        {
            return Task.FromResult<string?>($"columns {string.Join(", ", encrypted)} are Always Encrypted, which DataRefresh cannot copy or mask; leave the table out of the job");
        }

        var masked = maskedColumns.Where(column => column.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (DynamicDataMasking.Refusal(source.Name, masked, canUnmask) is { } refusal)
        {
            return Task.FromResult<string?>(refusal.Message);
        }

        return table.IsFiltered ? CheckFilterAsync(table, cancellationToken) : Task.FromResult<string?>(null);
    }

    /// <summary>Compiles the copy's exact SELECT without running it (SET FMTONLY's successor, sp_describe_first_result_set).</summary>
    private Task<string?> CheckFilterAsync(TablePlan table, CancellationToken cancellationToken) =>
        WithMainConnectionAsync<string?>(async token =>
        {
            await using var describe = SqlServerCommands.Create("EXEC sys.sp_describe_first_result_set @tsql = @select;", connection);
            describe.Parameters.AddWithValue("@select", SqlServerRowSelect.Select(table));
            try
            {
                await describe.ExecuteNonQueryAsync(token);
                return null;
            }
            catch (SqlException error) when (!token.IsCancellationRequested)
            {
                return $"the 'where' filter does not run on the source: {SqlServerErrors.Explain(error)!.Message}";
            }
        }, cancellationToken);

    /// <summary>
    /// Not held: SQL Server has no lock that keeps a table's schema for a transaction without blocking its writers. Under
    /// snapshot isolation a table altered meanwhile fails its read (error 3961) instead of being copied half-changed.
    /// </summary>
    public Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new SchemaExport(catalog.Schema, catalog.Keys, ProviderKind.SqlServer, new SqlServerSchemaArchive(catalog.Catalog, catalog.NotScripted, collation, security))
        {
            Objects = catalog.Portability,
            Indexes = catalog.Indexes,
        });

    /// <summary>The fewest rows worth a slice of their own: below it, a reader's connection and query cost more than they save.</summary>
    internal long MinimumSliceRows { get; set; } = 250_000;

    /// <summary>
    /// Ranges of the clustered index's leading integer column (<see cref="KeyRangeSlices"/>), in the database snapshot
    /// mode only: it is the one whose parallel readers share a point in time. One SNAPSHOT transaction serves one reader,
    /// and per-table readers would each see the table at another moment.
    /// </summary>
    public async Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default)
    {
        var count = (int)Math.Clamp(table.Table.EstimatedRows / MinimumSliceRows, 1, Math.Max(1, maxSlices));
        if (mode != SqlServerConsistency.DatabaseSnapshot || count <= 1 || KeyRangeSlices.SlicingColumn(catalog.Catalog, table.Table) is not { } column)
        {
            return [TableSlice.Whole];
        }

        var (reading, release) = await ReadConnectionAsync(cancellationToken);
        try
        {
            await using var bounds = SqlServerCommands.Create(KeyRangeSlices.MinMax(table.Table, column), reading);
            var row = (await SqlServerCommands.RowsAsync(bounds, cancellationToken)).Single();
            return row[0] is long minimum && row[1] is long maximum ? KeyRangeSlices.Split(minimum, maximum, count) : [TableSlice.Whole];
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqlServerErrors.Explain(error, $"cutting {table.Table.Name} into slices")!;
        }
        finally
        {
            await release();
        }
    }

    public async Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default)
    {
        var range = slice.IsWhole ? null : new KeyRange(KeyRangeSlices.SlicingColumn(catalog.Catalog, table.Table)!, slice);
        var (reading, release) = await ReadConnectionAsync(cancellationToken);
        try
        {
            return await SqlServerTableReader.OpenAsync(reading, table, range, options, release, cancellationToken);
        }
        catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw SqlServerErrors.Explain(error, $"reading {table.Table.Name}")!;
        }
    }

    public async IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in QueryAsync(SqlServerRowSelect.Select(table, [column]), [table.FindColumn(column)!], $"reading {table.Name}", cancellationToken))
        {
            // Null for values that do not decode: the copy counts those (they fail verification).
            yield return row[0] is Undecodable ? null : row[0];
        }
    }

    public IAsyncEnumerable<object?[]> ReadValuesAsync(TablePlan table, IReadOnlyList<string> columns, string? condition, CancellationToken cancellationToken = default) =>
        QueryAsync(SqlServerRowSelect.Select(table, columns, condition), [.. columns.Select(column => table.Table.FindColumn(column)!)], $"choosing the subset's rows of {table.Table.Name}", cancellationToken);

    public Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default) => Task.FromResult(catalog.Keys);

    public Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default) => Task.FromResult(catalog.Sequences);

    /// <summary>SQL Server has no large objects apart from tables: varbinary(max) values travel with their rows.</summary>
    public async IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }

    public async Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default)
    {
        var columns = table.Columns.Select(column => column.Name).ToList();
        // Random rows of small tables; random pages of big ones, so a sample never scans a whole large table.
        var select = SqlServerRowSelect.Select(table, columns);
        var sampled = table.EstimatedRows > 100_000
            ? select.Replace(" AS t0", FormattableString.Invariant($" AS t0 TABLESAMPLE SYSTEM ({Math.Min(100.0, rows * 400.0 / table.EstimatedRows):0.####} PERCENT)"), StringComparison.Ordinal)
            : select + " ORDER BY NEWID()";
        var sample = new List<object?[]>();
        await foreach (var row in QueryAsync(sampled.Replace("SELECT ", FormattableString.Invariant($"SELECT TOP ({rows}) "), StringComparison.Ordinal), [.. table.Columns], $"sampling {table.Name}", cancellationToken))
        {
            sample.Add(row);
        }

        return sample;
    }

    /// <summary>The rows of a query at the snapshot's point in time, each value decoded for its column; a refusal names what was being done, never a value.</summary>
    private async IAsyncEnumerable<object?[]> QueryAsync(string sql, ColumnInfo[] columns, string doing, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (reading, release) = await ReadConnectionAsync(cancellationToken);
        try
        {
            await using var command = SqlServerCommands.Create(sql, reading);
            SqlDataReader reader;
            try
            {
                reader = await command.ExecuteReaderAsync(cancellationToken);
            }
            catch (SqlException error) when (!cancellationToken.IsCancellationRequested)
            {
                throw SqlServerErrors.Explain(error, doing)!;
            }

            await using (reader)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = new object?[columns.Length];
                    for (var column = 0; column < columns.Length; column++)
                    {
                        row[column] = SqlServerValueCodec.Decode(SqlServerValueCodec.Read(reader, column, columns[column]), columns[column]);
                    }

                    yield return row;
                }
            }
        }
        finally
        {
            await release();
        }
    }

    /// <summary>
    /// A connection at the snapshot's point in time and how to give it back: the gated main connection in the default
    /// mode and for the catalog, a new connection to the database snapshot, or a new connection with its own SNAPSHOT
    /// transaction per table.
    /// </summary>
    private async Task<(SqlConnection Connection, Func<ValueTask> Release)> ReadConnectionAsync(CancellationToken cancellationToken)
    {
        if (mode is null or SqlServerConsistency.Snapshot)
        {
            await gate.WaitAsync(cancellationToken);
            return (connection, ReleaseGate);
        }

        var own = await SqlServerConnections.OpenAsync(ConnectionString(source, databaseSnapshot), source, cancellationToken);
        try
        {
            if (mode == SqlServerConsistency.PerTable)
            {
                await SqlServerCommands.ExecuteAsync(own, SourceSql.BeginSnapshot, cancellationToken);
            }

            return (own, own.DisposeAsync);
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }
    }

    private ValueTask ReleaseGate()
    {
        gate.Release();
        return ValueTask.CompletedTask;
    }

    private async Task<T> WithMainConnectionAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
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

    private static string ConnectionString(EnvironmentSettings source, DatabaseSnapshotLease? lease) =>
        lease is null ? SqlServerConnections.Source(source) : SqlServerConnections.To(source, lease.Name, readOnly: true);

    private static async Task<object?> ScalarAsync(SqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = SqlServerCommands.Create(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the connection rolls the snapshot transaction back; it never wrote anything.
        await connection.DisposeAsync();
        if (databaseSnapshot is not null)
        {
            await databaseSnapshot.DisposeAsync();
        }

        gate.Dispose();
    }
}
