using DataRefresh.Core.Audit;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>Audit records: a row per run holding its JSON as written to the JSON-lines file, with the columns a query filters on.</summary>
public partial class HistoryStore
{
    public async Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            dialect.AddAuditRecord,
            Text("@run_id", record.RunId), Text("@job", record.Job), Text("@job_file", record.JobFile), Instant("@started", record.StartedAt),
            Instant("@ended", record.EndedAt), Text("@outcome", record.Outcome.ToString().ToLowerInvariant()), Integer("@exit_code", record.ExitCode),
            Text("@record", json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, dialect.ReadAuditRecords, Instant("@since", query.Since), Text("@job", query.Job));
        var records = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(reader.GetString(0));
        }

        return records;
    }
}
