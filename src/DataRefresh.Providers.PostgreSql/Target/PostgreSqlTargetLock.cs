using System.Security.Cryptography;
using System.Text;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;
using Npgsql;
using Serilog;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// A session-level advisory lock in the target server's maintenance database, keyed on the target database's name. It
/// lives as long as its own session: released when disposed, and by the server when the process dies (even by SIGKILL),
/// so it can never outlive the run that took it.
/// </summary>
internal sealed class PostgreSqlTargetLock : ITargetLock
{
    private readonly NpgsqlConnection session;
    private readonly long key;
    private readonly ILogger logger;

    private PostgreSqlTargetLock(NpgsqlConnection session, string targetDatabase, long key, ILogger logger)
    {
        this.session = session;
        this.key = key;
        this.logger = logger;
        TargetDatabase = targetDatabase;
    }

    public string TargetDatabase { get; }

    /// <summary>The lock, or null when another session holds it.</summary>
    public static async Task<PostgreSqlTargetLock?> TryAcquireAsync(PostgreSqlConnectionInfo target, string environmentName, ILogger logger, CancellationToken cancellationToken = default)
    {
        // Unpooled: the lock belongs to this physical session, which must end when we are done with it.
        var maintenance = target.WithDatabase(PostgreSqlConnectionInfo.MaintenanceDatabase).Unpooled();
        var session = await PostgreSqlConnections.OpenAsync(maintenance, $"target ('{environmentName}') server's maintenance", cancellationToken);
        try
        {
            var key = KeyFor(target.Database);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", session);
            command.Parameters.AddWithValue("key", key);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!)
            {
                return new PostgreSqlTargetLock(session, target.Database, key, logger);
            }
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        await session.DisposeAsync();
        return null;
    }

    /// <summary>64 bits of SHA-256 over the name: the same key for the same target in every process and version.</summary>
    internal static long KeyFor(string targetDatabase) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("datarefresh target\0" + targetDatabase)), 0);

    public async Task<IReadOnlyList<string>> FindLeftoversAsync(CancellationToken cancellationToken = default)
    {
        var leftovers = new List<string>();
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database ORDER BY datname", session);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (SideDatabaseNames.IsLeftoverOf(TargetDatabase, name))
            {
                leftovers.Add(name);
            }
        }

        return leftovers;
    }

    public async Task DropLeftoverAsync(string database, CancellationToken cancellationToken = default)
    {
        if (!SideDatabaseNames.IsLeftoverOf(TargetDatabase, database))
        {
            throw new ArgumentException($"{database} is not a side database of {TargetDatabase}.", nameof(database));
        }

        // FORCE ends sessions still in it, e.g. a pg_restore a killed run started.
        await DatabaseSwap.DropAsync(session, database, cancellationToken);
    }

    /// <summary>
    /// The previous copy in under the target's name and the current copy out as this rollback's retired database, in one
    /// transaction (<see cref="DatabaseSwap"/>), then the retired copy dropped. A kill before the drop leaves the retired
    /// copy a leftover, which the next run or <c>cleanup</c> removes.
    /// </summary>
    public async Task<bool> RollBackAsync(string runId, CancellationToken cancellationToken = default)
    {
        var previous = SideDatabaseNames.Previous(TargetDatabase);
        if (!await DatabaseSwap.ExistsAsync(session, previous, cancellationToken))
        {
            return false;
        }

        var retired = SideDatabaseNames.Retired(TargetDatabase, runId);
        var exists = await DatabaseSwap.ExistsAsync(session, TargetDatabase, cancellationToken);
        await DatabaseSwap.SwapInAsync(session, TargetDatabase, exists, previous, retired, "Rollback", logger, cancellationToken);
        logger.Information("Rolled back: {Previous} is now {Target}", previous, TargetDatabase);
        if (exists)
        {
            // The previous copy is serving: dropping the replaced one must not be cut short by Ctrl+C.
            await DatabaseSwap.DropAsync(session, retired, CancellationToken.None);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", session);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The session is gone, and the lock with it.
        }

        await session.DisposeAsync();
    }
}
