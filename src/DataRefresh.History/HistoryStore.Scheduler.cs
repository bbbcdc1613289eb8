using System.Data.Common;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>What scheduler nodes share through the store: heartbeats and the queue of trigger requests.</summary>
public partial class HistoryStore
{
    public Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.Heartbeat,
            cancellationToken,
            Text("@node", node), Instant("@started", startedAt), Instant("@seen", at), Text("@version", version));

    public Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync(dialect.ReadNodes, reader => new SchedulerNode(reader.GetString(0), dialect.ReadInstant(reader, 1), dialect.ReadInstant(reader, 2), reader.GetString(3)), cancellationToken);

    public async Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, dialect.RequestTrigger, Text("@job", job), Text("@by", requestedBy), Instant("@at", at));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<IReadOnlyList<TriggerRequest>> ReadPendingTriggerRequestsAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync(dialect.PendingTriggerRequests, ReadTriggerRequest, cancellationToken);

    public Task<IReadOnlyList<TriggerRequest>> ReadTriggerRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(
            dialect.TriggerRequestsSince,
            reader => ReadTriggerRequest(reader) with { ClaimedBy = reader.IsDBNull(4) ? null : reader.GetString(4), ClaimedAt = reader.IsDBNull(5) ? null : dialect.ReadInstant(reader, 5) },
            cancellationToken,
            Instant("@since", since));

    public async Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // The dialect's statement decides who gets which request (row locks, or a transaction that locks the file first);
        // the transaction makes the claim and the rows it returns one step either way.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(connection, dialect.ClaimTriggerRequests, Text("@node", node), Instant("@at", at));
        command.Transaction = transaction;
        var claimed = await ReadAllAsync(command, ReadTriggerRequest, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // RETURNING gives no order; the contract promises oldest first.
        return [.. claimed.OrderBy(request => request.Id)];
    }

    // id, job, requested_by, requested_at.
    private TriggerRequest ReadTriggerRequest(DbDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), dialect.ReadInstant(reader, 3));
}
