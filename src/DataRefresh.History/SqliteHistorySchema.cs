using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>
/// The history store's schema, as numbered migrations applied in order on first use. <c>schema_version</c> holds the
/// highest applied; a newer store than this build knows is refused rather than written in a shape it does not understand.
/// </summary>
internal static class SqliteHistorySchema
{
    private static readonly string[] Migrations =
    [
        // 1: audit records.
        """
        CREATE TABLE audit_records (
            run_id          TEXT    NOT NULL PRIMARY KEY,
            job             TEXT,
            job_file        TEXT    NOT NULL,
            started_at_ms   INTEGER NOT NULL,
            ended_at_ms     INTEGER NOT NULL,
            outcome         TEXT    NOT NULL,
            exit_code       INTEGER NOT NULL,
            record          TEXT    NOT NULL
        );
        CREATE INDEX audit_records_started ON audit_records (started_at_ms);
        """,
        // 2: run history. A row is written when a run starts, so a run whose process died is still listed (as running,
        // until a live node marks it interrupted). Times are unix milliseconds; outcomes lower-case kebab (RunOutcomeText).
        """
        CREATE TABLE runs (
            run_id            TEXT    NOT NULL PRIMARY KEY,
            job               TEXT    NOT NULL,
            "trigger"         TEXT    NOT NULL,
            node              TEXT    NOT NULL,
            started_at_ms     INTEGER NOT NULL,
            scheduled_for_ms  INTEGER,
            target            TEXT,
            outcome           TEXT    NOT NULL,
            ended_at_ms       INTEGER,
            exit_code         INTEGER,
            error             TEXT,
            tables            TEXT    NOT NULL DEFAULT '[]'
        );
        CREATE INDEX runs_started ON runs (started_at_ms);
        CREATE INDEX runs_job_started ON runs (job, started_at_ms);
        CREATE INDEX runs_running ON runs (node) WHERE outcome = 'running';
        CREATE TABLE scheduler_nodes (
            node              TEXT    NOT NULL PRIMARY KEY,
            started_at_ms     INTEGER NOT NULL,
            last_seen_ms      INTEGER NOT NULL,
            version           TEXT    NOT NULL
        );
        CREATE TABLE trigger_requests (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            job               TEXT    NOT NULL,
            requested_by      TEXT    NOT NULL,
            requested_at_ms   INTEGER NOT NULL,
            claimed_by        TEXT,
            claimed_at_ms     INTEGER
        );
        CREATE INDEX trigger_requests_unclaimed ON trigger_requests (id) WHERE claimed_by IS NULL;
        """,
    ];

    public static async Task MigrateAsync(SqliteConnection connection, string location, CancellationToken cancellationToken = default)
    {
        // Every open checks; only a store that is behind takes the write lock to migrate, and checks again under it.
        if (Check(await CurrentVersionAsync(connection, null, cancellationToken), location) == Migrations.Length)
        {
            return;
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        for (var next = Check(await CurrentVersionAsync(connection, transaction, cancellationToken), location); next < Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next], cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({next + 1})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static int Check(int current, string location) =>
        current <= Migrations.Length
            ? current
            : throw new InvalidOperationException(
                $"The history store {location} has schema version {current}, newer than this datarefresh knows ({Migrations.Length}); use a newer datarefresh.");

    private static async Task<int> CurrentVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = new SqliteCommand("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", connection, transaction);
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return 0;
        }

        await using var read = new SqliteCommand("SELECT max(version) FROM schema_version", connection, transaction);
        return await read.ExecuteScalarAsync(cancellationToken) is long version ? (int)version : 0;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
