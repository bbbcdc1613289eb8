using DataRefresh.Core.Errors;
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
    private const int MaxIdentifierBytes = 63;

    private readonly PostgreSqlConnectionInfo maintenance;
    private readonly string targetDatabase;
    private readonly string runId;
    private readonly ILogger logger;
    private readonly SemaphoreSlim typeOidsLock = new(1, 1);
    private Dictionary<QualifiedName, uint>? typeOids;
    private bool cutOver;

    private PostgreSqlTargetLoad(PostgreSqlConnectionInfo target, string runId, ILogger logger)
    {
        this.runId = runId;
        maintenance = target.WithDatabase(PostgreSqlConnectionInfo.MaintenanceDatabase);
        targetDatabase = target.Database;
        DatabaseName = NameBeside(targetDatabase, "__refresh_" + runId);
        Side = target.WithDatabase(DatabaseName);
        this.logger = logger;
    }

    public string DatabaseName { get; }

    public PostgreSqlConnectionInfo Side { get; }

    public static async Task<PostgreSqlTargetLoad> CreateAsync(PostgreSqlConnectionInfo target, string runId, ILogger logger, CancellationToken cancellationToken = default)
    {
        var load = new PostgreSqlTargetLoad(target, runId, logger);
        await load.ExecuteOnMaintenanceAsync($"CREATE DATABASE {PostgreSqlDialect.Quote(load.DatabaseName)} TEMPLATE template0", cancellationToken);
        logger.Information("Created side database {Database}", load.DatabaseName);
        return load;
    }

    /// <summary>Side databases are named after the target so leftovers are easy to recognise and clean up.</summary>
    internal static string NameBeside(string target, string suffix)
    {
        var prefix = target;
        while (System.Text.Encoding.UTF8.GetByteCount(prefix + suffix) > MaxIdentifierBytes)
        {
            prefix = prefix[..^1];
        }

        return prefix + suffix;
    }

    public async Task<NpgsqlConnection> OpenSideConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new NpgsqlConnection(Side.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
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
    /// Swaps the side database in: no new connections to the old target, end its sessions, rename it aside, rename the side
    /// database to the target's name, drop the old copy. If the second rename fails the first is undone.
    /// </summary>
    public async Task CutOverAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Side.ConnectionString));
        var target = PostgreSqlDialect.Quote(targetDatabase);
        var side = PostgreSqlDialect.Quote(DatabaseName);
        var retired = PostgreSqlDialect.Quote(NameBeside(targetDatabase, "__retired_" + runId));

        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var exists = await TargetExistsAsync(connection, cancellationToken);
        if (exists)
        {
            await PostgreSqlConnections.ExecuteAsync(connection, $"ALTER DATABASE {target} WITH ALLOW_CONNECTIONS false", cancellationToken);
            await TerminateSessionsAsync(connection, targetDatabase, cancellationToken);
            await PostgreSqlConnections.ExecuteAsync(connection, $"ALTER DATABASE {target} RENAME TO {retired}", cancellationToken);
        }

        try
        {
            await PostgreSqlConnections.ExecuteAsync(connection, $"ALTER DATABASE {side} RENAME TO {target}", CancellationToken.None);
        }
        catch when (exists)
        {
            await PostgreSqlConnections.ExecuteAsync(connection, $"ALTER DATABASE {retired} RENAME TO {target}", CancellationToken.None);
            await PostgreSqlConnections.ExecuteAsync(connection, $"ALTER DATABASE {target} WITH ALLOW_CONNECTIONS true", CancellationToken.None);
            throw;
        }

        cutOver = true;
        logger.Information("Cut over: {Side} is now {Target}", DatabaseName, targetDatabase);
        if (exists)
        {
            await PostgreSqlConnections.ExecuteAsync(connection, $"DROP DATABASE {retired} WITH (FORCE)", CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        typeOidsLock.Dispose();
        if (cutOver)
        {
            return;
        }

        try
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Side.ConnectionString));
            await ExecuteOnMaintenanceAsync($"DROP DATABASE IF EXISTS {PostgreSqlDialect.Quote(DatabaseName)} WITH (FORCE)", CancellationToken.None);
            logger.Information("Dropped side database {Database}; the target was not changed", DatabaseName);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            logger.Warning("Could not drop side database {Database} ({Reason}); drop it by hand", DatabaseName, exception.GetType().Name);
        }
    }

    private async Task<bool> TargetExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", targetDatabase);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    private static async Task TerminateSessionsAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("name", database);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ExecuteOnMaintenanceAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await PostgreSqlConnections.ExecuteAsync(connection, sql, cancellationToken);
    }
}
