using System.Globalization;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Preflight;
using DataRefresh.Core.Rules;
using DataRefresh.Providers.PostgreSql.Connections;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Preflight;

/// <summary>
/// The source's side of <c>plan</c>'s preflight, asked of the catalog's own connection (the source user, read-only):
/// privileges on the planned tables, large objects and sequences, the copy's size, and whether the link is encrypted.
/// </summary>
internal static class PostgreSqlSourcePreflight
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(NpgsqlConnection connection, RefreshPlan plan, EnvironmentSettings source, CancellationToken cancellationToken)
    {
        var copied = plan.Tables.Where(table => table.CopiesRows).ToList();
        var user = await PostgreSqlConnections.ScalarAsync<string>(connection, "SELECT current_user", cancellationToken);
        var checks = new List<PreflightCheck>
        {
            await TablesAsync(connection, copied, user, cancellationToken),
            await SequencesAsync(connection, user, cancellationToken),
        };
        if (plan.LargeObjects is { Action: not LargeObjectAction.Exclude })
        {
            checks.Add(await LargeObjectsAsync(connection, user, cancellationToken));
        }

        checks.Add(await SizeAsync(connection, copied, cancellationToken));
        if (source.Production)
        {
            checks.Add(await EncryptionAsync(connection, source, cancellationToken));
        }

        return checks;
    }

    private static async Task<PreflightCheck> TablesAsync(NpgsqlConnection connection, List<TablePlan> tables, string user, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', t.schema, t.name) FROM unnest(@schemas, @names) AS t(schema, name)
            WHERE NOT has_schema_privilege(t.schema, 'USAGE') OR NOT has_table_privilege(format('%I.%I', t.schema, t.name), 'SELECT')
            ORDER BY 1
            """,
            connection);
        command.Parameters.AddWithValue("schemas", tables.Select(table => table.Table.Name.Schema).ToArray());
        command.Parameters.AddWithValue("names", tables.Select(table => table.Table.Name.Name).ToArray());
        var unreadable = await ListAsync(command, cancellationToken);
        return unreadable.Count == 0
            ? PreflightCheck.Ok($"source user {user} can read all {tables.Count} tables the run copies")
            : PreflightCheck.Missing(
                $"source user {user} cannot read {Names(unreadable)}: GRANT USAGE ON SCHEMA … and GRANT SELECT ON those tables TO {user} " +
                "(or GRANT pg_read_all_data TO it, PostgreSQL 14 and later)");
    }

    private static async Task<PreflightCheck> SequencesAsync(NpgsqlConnection connection, string user, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND CASE WHEN c.relkind = 'S' THEN NOT (has_sequence_privilege(c.oid, 'SELECT') OR has_sequence_privilege(c.oid, 'USAGE')) END
            ORDER BY 1
            """,
            connection);
        var hidden = await ListAsync(command, cancellationToken);
        return hidden.Count == 0
            ? PreflightCheck.Ok("every sequence's current value is readable, so the copy continues where the source is")
            : PreflightCheck.Warning($"source user {user} cannot read sequences {Names(hidden)}: the copy keeps their start values; GRANT SELECT ON SEQUENCE … TO {user}");
    }

    private static async Task<PreflightCheck> LargeObjectsAsync(NpgsqlConnection connection, string user, CancellationToken cancellationToken)
    {
        // Superusers and lo_compat_privileges read every large object; others need ownership or a SELECT grant on each.
        const string sql = """
            SELECT CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) OR current_setting('lo_compat_privileges')::boolean THEN 0
                   ELSE (SELECT count(*) FROM pg_largeobject_metadata m
                         WHERE NOT pg_has_role(m.lomowner, 'USAGE')
                           AND NOT EXISTS (SELECT 1 FROM aclexplode(coalesce(m.lomacl, acldefault('L', m.lomowner))) a
                                           WHERE a.privilege_type = 'SELECT' AND (a.grantee = 0 OR pg_has_role(a.grantee, 'USAGE')))) END
            """;
        var unreadable = await PostgreSqlConnections.ScalarAsync<long>(connection, sql, cancellationToken);
        return unreadable == 0
            ? PreflightCheck.Ok("every large object the run copies is readable")
            : PreflightCheck.Missing($"source user {user} cannot read {unreadable:N0} large objects: GRANT SELECT ON LARGE OBJECT … TO {user}, or have them owned by a role it belongs to");
    }

    private static async Task<PreflightCheck> SizeAsync(NpgsqlConnection connection, List<TablePlan> tables, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce(sum(pg_total_relation_size(c.oid) + coalesce((SELECT sum(pg_total_relation_size(i.inhrelid)) FROM pg_inherits i WHERE i.inhparent = c.oid), 0)), 0)::bigint
            FROM unnest(@schemas, @names) AS t(schema, name)
            JOIN pg_namespace n ON n.nspname = t.schema JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = t.name
            """,
            connection);
        command.Parameters.AddWithValue("schemas", tables.Select(table => table.Table.Name.Schema).ToArray());
        command.Parameters.AddWithValue("names", tables.Select(table => table.Table.Name.Name).ToArray());
        var bytes = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return PreflightCheck.Note(
            $"about {Size(bytes)} to copy (the tables with their indexes; filtered tables counted whole). PostgreSQL does not report free disk " +
            "space: the target's data directory needs that much free besides the current copy, which keeps serving until the cut-over");
    }

    private static async Task<PreflightCheck> EncryptionAsync(NpgsqlConnection connection, EnvironmentSettings source, CancellationToken cancellationToken)
    {
        var encrypted = await PostgreSqlConnections.ScalarAsync<bool>(connection, "SELECT coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)", cancellationToken);
        var local = connection.DataSource.StartsWith('/') || connection.Host is "localhost" or "127.0.0.1" or "::1";
        return (encrypted, local) switch
        {
            (true, _) => PreflightCheck.Ok($"the connection to production '{source.Name}' is encrypted (TLS)"),
            (false, true) => PreflightCheck.Note($"the connection to production '{source.Name}' is not encrypted, but stays on this machine"),
            _ => PreflightCheck.Warning(
                $"the connection to production '{source.Name}' is not encrypted: its rows cross the network in clear; add SSL Mode=VerifyFull (or Require) to its connection string"),
        };
    }

    private static async Task<List<string>> ListAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static string Names(List<string> names) => names.Count <= 5 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(5))} and {names.Count - 5} more";

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes >> 10)} kB"),
    };
}
