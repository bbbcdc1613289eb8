using DataRefresh.Core.Configuration;
using DataRefresh.Core.Preflight;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Preflight;

/// <summary>
/// The target's side of <c>plan</c>'s preflight, asked of the target server's maintenance database as the target user:
/// what the run's side database and cut-over will need. Reads the catalog only.
/// </summary>
internal static class PostgreSqlTargetPreflight
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(EnvironmentSettings target, CancellationToken cancellationToken)
    {
        var info = PostgreSqlConnectionInfo.Parse(target.ConnectionString, target.Name);
        try
        {
            await using var connection = await PostgreSqlConnections.OpenAsync(info.WithDatabase(PostgreSqlConnectionInfo.MaintenanceDatabase), "target", cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                SELECT current_user, r.rolsuper, r.rolcreatedb, pg_has_role('pg_signal_backend', 'MEMBER'),
                       (SELECT pg_has_role(d.datdba, 'MEMBER') FROM pg_database d WHERE d.datname = @target),
                       (SELECT pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = @target)
                FROM pg_roles r WHERE r.rolname = current_user
                """,
                connection);
            command.Parameters.AddWithValue("target", info.Database);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var user = reader.GetString(0);
            var superuser = reader.GetBoolean(1);
            var canSignal = superuser || reader.GetBoolean(3);
            bool? ownsTarget = reader.IsDBNull(4) ? null : superuser || reader.GetBoolean(4);
            var owner = reader.IsDBNull(5) ? null : reader.GetString(5);
            return
            [
                superuser || reader.GetBoolean(2)
                    ? PreflightCheck.Ok($"target user {user} can create the side database next to {info.Database}")
                    : PreflightCheck.Missing($"target user {user} cannot create databases, and a run loads into a side database: ALTER ROLE {user} CREATEDB"),
                ownsTarget switch
                {
                    null => PreflightCheck.Note($"target database {info.Database} does not exist yet: the first run creates it"),
                    true => PreflightCheck.Ok($"target user {user} may replace {info.Database} at cut-over (it owns it)"),
                    false => PreflightCheck.Missing($"target user {user} cannot rename {info.Database} (owned by {owner}) at cut-over: ALTER DATABASE {info.Database} OWNER TO {user}"),
                },
                canSignal
                    ? PreflightCheck.Ok($"target user {user} can end other sessions on {info.Database} at cut-over")
                    : PreflightCheck.Warning($"target user {user} cannot end other roles' sessions on {info.Database}, so the cut-over fails while they stay connected: GRANT pg_signal_backend TO {user}"),
            ];
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            var explained = PostgreSqlErrors.Explain(exception, $"cannot check target '{target.Name}' ({info.Describe()})");
            return [PreflightCheck.Missing(explained?.Message ?? $"cannot check target '{target.Name}' ({info.Describe()})")];
        }
    }
}
