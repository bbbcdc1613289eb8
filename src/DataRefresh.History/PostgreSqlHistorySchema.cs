using Npgsql;

namespace DataRefresh.History;

/// <summary>
/// The history store's schema in PostgreSQL: schema <c>datarefresh</c>, numbered migrations like
/// <see cref="SqliteHistorySchema"/>'s (same numbers, same tables, PostgreSQL types). Several nodes may start at once
/// against one database, so migrating happens under a transaction-scoped advisory lock, re-reading the version under it;
/// a newer schema than this build knows is refused rather than written in a shape it does not understand.
/// </summary>
internal static class PostgreSqlHistorySchema
{
    // Any fixed number works, as long as nothing else in the database uses it; these are the bytes of "DataRefr".
    private const long MigrationLock = 0x4461746152656672;

    private static readonly string[] Migrations =
    [
        // 1: audit records; seq keeps records that started in the same instant in the order they were added.
        """
        CREATE TABLE datarefresh.audit_records (
            run_id      text        NOT NULL PRIMARY KEY,
            job         text,
            job_file    text        NOT NULL,
            started_at  timestamptz NOT NULL,
            ended_at    timestamptz NOT NULL,
            outcome     text        NOT NULL,
            exit_code   integer     NOT NULL,
            record      text        NOT NULL,
            seq         bigint      GENERATED ALWAYS AS IDENTITY
        );
        CREATE INDEX audit_records_started ON datarefresh.audit_records (started_at, seq);
        """,
        // 2: run history, node heartbeats, trigger requests.
        """
        CREATE TABLE datarefresh.runs (
            run_id         text        NOT NULL PRIMARY KEY,
            job            text        NOT NULL,
            trigger        text        NOT NULL,
            node           text        NOT NULL,
            started_at     timestamptz NOT NULL,
            scheduled_for  timestamptz,
            target         text,
            outcome        text        NOT NULL,
            ended_at       timestamptz,
            exit_code      integer,
            error          text,
            tables         jsonb       NOT NULL DEFAULT '[]'
        );
        CREATE INDEX runs_started ON datarefresh.runs (started_at);
        CREATE INDEX runs_job_started ON datarefresh.runs (job, started_at);
        CREATE INDEX runs_running ON datarefresh.runs (node) WHERE outcome = 'running';
        CREATE TABLE datarefresh.scheduler_nodes (
            node        text        NOT NULL PRIMARY KEY,
            started_at  timestamptz NOT NULL,
            last_seen   timestamptz NOT NULL,
            version     text        NOT NULL
        );
        CREATE TABLE datarefresh.trigger_requests (
            id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job           text        NOT NULL,
            requested_by  text        NOT NULL,
            requested_at  timestamptz NOT NULL,
            claimed_by    text,
            claimed_at    timestamptz
        );
        CREATE INDEX trigger_requests_unclaimed ON datarefresh.trigger_requests (id) WHERE claimed_by IS NULL;
        """,
    ];

    public static async Task MigrateAsync(NpgsqlConnection connection, string location, CancellationToken cancellationToken = default)
    {
        // The common case, a store already current, reads one row and takes no lock.
        if (Check(await CurrentVersionAsync(connection, cancellationToken), location) == Migrations.Length)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", MigrationLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, "CREATE SCHEMA IF NOT EXISTS datarefresh; CREATE TABLE IF NOT EXISTS datarefresh.schema_version (version integer NOT NULL)", cancellationToken);
        for (var next = Check(await CurrentVersionAsync(connection, cancellationToken), location); next < Migrations.Length; next++)
        {
            await ExecuteAsync(connection, Migrations[next], cancellationToken);
            await ExecuteAsync(connection, $"INSERT INTO datarefresh.schema_version (version) VALUES ({next + 1})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static int Check(int current, string location) =>
        current <= Migrations.Length
            ? current
            : throw new InvalidOperationException(
                $"The history store {location} has schema version {current}, newer than this datarefresh knows ({Migrations.Length}); use a newer datarefresh.");

    private static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('datarefresh.schema_version') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return 0;
        }

        await using var read = new NpgsqlCommand("SELECT max(version) FROM datarefresh.schema_version", connection);
        return await read.ExecuteScalarAsync(cancellationToken) is int version ? version : 0;
    }

    // Npgsql enlists commands in the connection's open transaction by itself.
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
