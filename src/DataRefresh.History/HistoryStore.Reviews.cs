using DataRefresh.Core.Approvals;

namespace DataRefresh.History;

/// <summary>Rule review: approvals with the approved files as JSON, and each environment's latest schema and scan as JSON.</summary>
public partial class HistoryStore
{
    public Task SaveApprovalAsync(RuleApproval approval, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.SaveApproval,
            cancellationToken,
            Text("@id", approval.Id),
            Text("@environment", approval.Environment),
            Instant("@approved", approval.ApprovedAt),
            Text("@reviewer", approval.Reviewer),
            Text("@comment", approval.Comment),
            Text("@version", ReviewJson.Serialize(approval.Version)));

    public Task<IReadOnlyList<RuleApproval>> ReadApprovalsAsync(string environment, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(
            dialect.ReadApprovals,
            reader => new RuleApproval(
                reader.GetString(0), reader.GetString(1), ReviewJson.DeserializeVersion(reader.GetString(5)), reader.GetString(3), reader.GetString(4), dialect.ReadInstant(reader, 2)),
            cancellationToken,
            Text("@environment", environment));

    public Task SaveSourceSchemaAsync(SourceSchemaRecord record, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.SaveSourceSchema,
            cancellationToken,
            Text("@environment", record.Environment),
            Instant("@read", record.ReadAt),
            Text("@run_id", record.RunId),
            Text("@schema", ReviewJson.Serialize(record.Schema)));

    public async Task<SourceSchemaRecord?> FindSourceSchemaAsync(string environment, CancellationToken cancellationToken = default) =>
        (await ReadRowsAsync(
            dialect.FindSourceSchema,
            reader => new SourceSchemaRecord(reader.GetString(0), dialect.ReadInstant(reader, 1), reader.GetString(2), ReviewJson.Deserialize(reader.GetString(3))),
            cancellationToken,
            Text("@environment", environment))).SingleOrDefault();

    public Task SaveScanAsync(ScanRecord scan, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.SaveScan,
            cancellationToken,
            Text("@environment", scan.Environment),
            Instant("@scanned", scan.ScannedAt),
            Integer("@sample", scan.SampleRows),
            Text("@findings", ReviewJson.Serialize(scan.Flagged)));

    public async Task<ScanRecord?> FindScanAsync(string environment, CancellationToken cancellationToken = default) =>
        (await ReadRowsAsync(
            dialect.FindScan,
            reader => new ScanRecord(reader.GetString(0), dialect.ReadInstant(reader, 1), reader.GetInt32(2), ReviewJson.DeserializeFlagged(reader.GetString(3))),
            cancellationToken,
            Text("@environment", environment))).SingleOrDefault();
}
