using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>
/// The history store in one SQLite file, created and migrated on first use. Each audit record is a row holding its JSON as
/// written to the JSON-lines file, with the columns a query filters on. SQLite's own locking lets several runs write at once.
/// Run history, heartbeats and trigger requests: SqliteHistoryStore.Runs.cs and SqliteHistoryStore.Scheduler.cs.
/// </summary>
public sealed partial class SqliteHistoryStore(string file) : IHistoryStore
{
    public string Location => file;

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
    }

    public async Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            """
            INSERT INTO audit_records (run_id, job, job_file, started_at_ms, ended_at_ms, outcome, exit_code, record)
            VALUES (@run_id, @job, @job_file, @started, @ended, @outcome, @exit_code, @record)
            """,
            connection);
        command.Parameters.AddWithValue("@run_id", record.RunId);
        command.Parameters.AddWithValue("@job", (object?)record.Job ?? DBNull.Value);
        command.Parameters.AddWithValue("@job_file", record.JobFile);
        command.Parameters.AddWithValue("@started", record.StartedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@ended", record.EndedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("@outcome", record.Outcome.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("@exit_code", record.ExitCode);
        command.Parameters.AddWithValue("@record", json);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqliteCommand(
            """
            SELECT record FROM audit_records
            WHERE (@since IS NULL OR started_at_ms >= @since) AND (@job IS NULL OR job = @job)
            ORDER BY started_at_ms, rowid
            """,
            connection);
        command.Parameters.AddWithValue("@since", query.Since is { } since ? since.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("@job", (object?)query.Job ?? DBNull.Value);
        var records = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(reader.GetString(0));
        }

        return records;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling off: the file is closed when the command ends, so tests and other processes can move or delete it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Microsoft.Data.Sqlite retries a busy database only while stepping a statement, not when a statement with
            // RETURNING finishes or a transaction commits; SQLite's own busy timeout waits everywhere. Several processes
            // (runs, scheduler nodes, `trigger`) write to one file.
            await using (var busyTimeout = new SqliteCommand("PRAGMA busy_timeout = 30000", connection))
            {
                await busyTimeout.ExecuteNonQueryAsync(cancellationToken);
            }

            await SqliteHistorySchema.MigrateAsync(connection, file, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
