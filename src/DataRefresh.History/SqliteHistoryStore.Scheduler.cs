using DataRefresh.Core.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>What scheduler processes share through the SQLite store: heartbeats and the queue of trigger requests.</summary>
public sealed partial class SqliteHistoryStore
{
    public async Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            INSERT INTO scheduler_nodes (node, started_at_ms, last_seen_ms, version) VALUES (@node, @started, @seen, @version)
            ON CONFLICT (node) DO UPDATE SET started_at_ms = excluded.started_at_ms, last_seen_ms = excluded.last_seen_ms, version = excluded.version
            """,
            ("@node", node), ("@started", Ms(startedAt)), ("@seen", Ms(at)), ("@version", version));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT node, started_at_ms, last_seen_ms, version FROM scheduler_nodes ORDER BY node");
        var nodes = new List<SchedulerNode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new SchedulerNode(reader.GetString(0), At(reader.GetInt64(1)), At(reader.GetInt64(2)), reader.GetString(3)));
        }

        return nodes;
    }

    public async Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO trigger_requests (job, requested_by, requested_at_ms) VALUES (@job, @by, @at) RETURNING id",
            ("@job", job), ("@by", requestedBy), ("@at", Ms(at)));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock before reading, so two processes cannot
        // both see a request unclaimed; the second waits (busy timeout) and then finds it taken.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            UPDATE trigger_requests SET claimed_by = @node, claimed_at_ms = @at WHERE claimed_by IS NULL
            RETURNING id, job, requested_by, requested_at_ms
            """,
            ("@node", node), ("@at", Ms(at)));
        command.Transaction = transaction;
        var claimed = new List<TriggerRequest>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new TriggerRequest(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), At(reader.GetInt64(3))));
            }
        }

        await transaction.CommitAsync(cancellationToken);

        // RETURNING gives no order; the contract promises oldest first.
        return [.. claimed.OrderBy(request => request.Id)];
    }
}
