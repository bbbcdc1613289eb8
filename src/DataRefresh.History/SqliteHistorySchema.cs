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
    ];

    public static async Task MigrateAsync(SqliteConnection connection, string location, CancellationToken cancellationToken = default)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", cancellationToken);
        await using var read = new SqliteCommand("SELECT max(version) FROM schema_version", connection, transaction);
        var current = await read.ExecuteScalarAsync(cancellationToken) is long version ? (int)version : 0;
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The history store {location} has schema version {current}, newer than this datarefresh knows ({Migrations.Length}); use a newer datarefresh.");
        }

        for (var next = current; next < Migrations.Length; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next], cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO schema_version (version) VALUES ({next + 1})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqliteCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
