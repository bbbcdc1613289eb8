using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using Npgsql;

namespace DataRefresh.History;

/// <summary>
/// The history store in a PostgreSQL database (<c>DataRefresh:History:ConnectionString</c>), schema <c>datarefresh</c>:
/// the one store several <c>serve</c> nodes can share. Same tables and meaning as <see cref="SqliteHistoryStore"/>; row
/// locks and an advisory lock for migrations replace SQLite's file lock. Run history, heartbeats and trigger requests:
/// PostgreSqlHistoryStore.Runs.cs and PostgreSqlHistoryStore.Scheduler.cs.
/// </summary>
public sealed partial class PostgreSqlHistoryStore : IHistoryStore
{
    private readonly string connectionString;
    private volatile bool migrated;

    public PostgreSqlHistoryStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message may quote the text, password included.
            throw new DataRefreshException(ExitCodes.Configuration, $"{AuditSettings.HistoryConnectionSetting} is not a valid PostgreSQL connection string.");
        }

        // Messages name the store by where it is, never by the string that logs in to it.
        Location = $"PostgreSQL {builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default database)"}, schema datarefresh";
        builder.ApplicationName ??= "datarefresh history";
        this.connectionString = builder.ConnectionString;
    }

    public string Location { get; }

    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
    }

    public async Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            INSERT INTO datarefresh.audit_records (run_id, job, job_file, started_at, ended_at, outcome, exit_code, record)
            VALUES (@run_id, @job, @job_file, @started, @ended, @outcome, @exit_code, @record)
            """,
            ("run_id", record.RunId), ("job", record.Job), ("job_file", record.JobFile), ("started", record.StartedAt.ToUniversalTime()),
            ("ended", record.EndedAt.ToUniversalTime()), ("outcome", record.Outcome.ToString().ToLowerInvariant()), ("exit_code", record.ExitCode), ("record", json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            SELECT record FROM datarefresh.audit_records
            WHERE (@since::timestamptz IS NULL OR started_at >= @since::timestamptz) AND (@job::text IS NULL OR job = @job::text)
            ORDER BY started_at, seq
            """,
            ("since", query.Since?.ToUniversalTime()), ("job", query.Job));
        var records = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(reader.GetString(0));
        }

        return records;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!migrated)
            {
                await PostgreSqlHistorySchema.MigrateAsync(connection, Location, cancellationToken);
                migrated = true;
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
