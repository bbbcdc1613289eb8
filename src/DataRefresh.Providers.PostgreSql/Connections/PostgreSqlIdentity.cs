using DataRefresh.Core.Providers;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Connections;

/// <summary>
/// Reads a server's <c>system_identifier</c>: set once by initdb, the same through every host name, port forward or
/// socket that reaches the server, and different for every other cluster (streaming replicas share their primary's,
/// which is what a production guard wants).
/// </summary>
internal static class PostgreSqlIdentity
{
    public static async Task<DatabaseIdentity?> ReadAsync(PostgreSqlConnectionInfo info, string environmentName, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(info, environmentName, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT system_identifier::text FROM pg_control_system()", connection);
            return new DatabaseIdentity((string)(await command.ExecuteScalarAsync(cancellationToken))!, info.Database);
        }
        catch (PostgresException error) when (error.SqlState == "42501")
        {
            return null;
        }
    }

    /// <summary>
    /// The environment's own database, read-only; its server's maintenance database when it does not exist yet (a first
    /// refresh). Unpooled: a target's sessions are ended at every cut-over, and a pooled one would come back broken.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenAsync(PostgreSqlConnectionInfo info, string environmentName, CancellationToken cancellationToken)
    {
        info = info.Unpooled();
        try
        {
            return await PostgreSqlConnections.OpenAsync(info.AsReadOnlySource(), environmentName, cancellationToken);
        }
        catch (Core.Errors.DataRefreshException error) when (error.InnerException is PostgresException { SqlState: "3D000" })
        {
            var server = info.WithDatabase(PostgreSqlConnectionInfo.MaintenanceDatabase).AsReadOnlySource();
            return await PostgreSqlConnections.OpenAsync(server, environmentName, cancellationToken);
        }
    }
}
