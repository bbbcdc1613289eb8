using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>
/// The history store in one SQLite file, created and migrated on first use. Each audit record is a row holding its JSON as
/// written to the JSON-lines file, with the columns a query filters on. SQLite's own locking lets several runs write at once.
/// </summary>
public sealed class SqliteHistoryStore(string file) : IHistoryStore
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

    // Run history: implemented on branch 'history'.
    public Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task FinishRunAsync(RunEnd end, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<RunHistoryEntry>> ReadRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyDictionary<string, RunHistoryEntry>> LatestRunPerJobAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<int> MarkInterruptedAsync(string job, string exceptNode, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<int> MarkAbandonedAsync(DateTimeOffset silentSince, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotImplementedException();

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
            await SqliteHistorySchema.MigrateAsync(connection, file, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
