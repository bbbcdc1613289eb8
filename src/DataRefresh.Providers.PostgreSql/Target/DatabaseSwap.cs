using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Providers.PostgreSql.Connections;
using Npgsql;
using Serilog;

namespace DataRefresh.Providers.PostgreSql.Target;

/// <summary>
/// Puts one database under another's name, on a connection to the server's maintenance database: a run's cut-over (the
/// side database in) and a rollback (the previous copy in). Both renames happen in one transaction, so a kill at any
/// moment leaves either the old database or the new one under the name, never neither. Renaming a database takes an
/// exclusive lock on it: new connections queue behind the transaction and then fail ("renamed"), which is what blocks
/// them, and nothing is ever committed that a crash could leave blocking them.
/// </summary>
internal static class DatabaseSwap
{
    private const int Attempts = 4;

    /// <summary>
    /// Ends the sessions on both databases, then renames <paramref name="name"/> (when <paramref name="nameExists"/>) to
    /// <paramref name="retired"/> and <paramref name="incoming"/> to <paramref name="name"/>. PostgreSQL waits up to 5 s
    /// for sessions to leave a database it renames and fails with 55006 if one stays or a client reconnected in between;
    /// then we end them again and retry, a few times, before giving up with nothing renamed.
    /// </summary>
    public static async Task SwapInAsync(
        NpgsqlConnection maintenance, string name, bool nameExists, string incoming, string retired, string operation, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await TerminateSessionsAsync(maintenance, [name, incoming], cancellationToken);
            try
            {
                await using var transaction = await maintenance.BeginTransactionAsync(cancellationToken);
                if (nameExists)
                {
                    await RenameAsync(maintenance, name, retired, cancellationToken);
                }

                await HaltPoint.ReachedAsync(HaltPoint.Swapping, cancellationToken);

                await RenameAsync(maintenance, incoming, name, cancellationToken);
                await transaction.CommitAsync(CancellationToken.None);
                return;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == Attempts)
                {
                    throw new DataRefreshException(
                        ExitCodes.RefreshFailed,
                        $"{operation} gave up after {Attempts} attempts because sessions kept reconnecting to {name} (or to {incoming}) while it was " +
                        $"being swapped; {name} was not changed. Stop the clients that reconnect at once, then rerun.",
                        exception);
                }

                var pause = TimeSpan.FromMilliseconds(250 << attempt);
                logger.Warning("{Operation} attempt {Attempt}: a session is still using {Target} or {Incoming}; ending sessions again in {Seconds:F1} s", operation, attempt, name, incoming, pause.TotalSeconds);
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    public static Task RenameAsync(NpgsqlConnection maintenance, string database, string newName, CancellationToken cancellationToken) =>
        PostgreSqlConnections.ExecuteAsync(maintenance, $"ALTER DATABASE {PostgreSqlDialect.Quote(database)} RENAME TO {PostgreSqlDialect.Quote(newName)}", cancellationToken);

    /// <summary>Drops a database, ending the sessions still in it.</summary>
    public static Task DropAsync(NpgsqlConnection maintenance, string database, CancellationToken cancellationToken) =>
        PostgreSqlConnections.ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS {PostgreSqlDialect.Quote(database)} WITH (FORCE)", cancellationToken);

    public static async Task<bool> ExistsAsync(NpgsqlConnection maintenance, string database, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", maintenance);
        command.Parameters.AddWithValue("name", database);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public static async Task TerminateSessionsAsync(NpgsqlConnection maintenance, string[] databases, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ANY(@names) AND pid <> pg_backend_pid()", maintenance);
        command.Parameters.AddWithValue("names", databases);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
