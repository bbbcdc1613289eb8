using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>What scheduler nodes share through the PostgreSQL store: heartbeats and the queue of trigger requests.</summary>
public sealed partial class PostgreSqlHistoryStore
{
    public async Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            INSERT INTO datarefresh.scheduler_nodes (node, started_at, last_seen, version) VALUES (@node, @started, @seen, @version)
            ON CONFLICT (node) DO UPDATE SET started_at = excluded.started_at, last_seen = excluded.last_seen, version = excluded.version
            """,
            ("node", node), ("started", startedAt.ToUniversalTime()), ("seen", at.ToUniversalTime()), ("version", version));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT node, started_at, last_seen, version FROM datarefresh.scheduler_nodes ORDER BY node");
        var nodes = new List<SchedulerNode>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Add(new SchedulerNode(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        }

        return nodes;
    }

    public async Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO datarefresh.trigger_requests (job, requested_by, requested_at) VALUES (@job, @by, @at) RETURNING id",
            ("job", job), ("by", requestedBy), ("at", at.ToUniversalTime()));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // One statement: the inner SELECT locks the unclaimed rows it sees and skips rows another node is claiming right
        // now, so each request goes to exactly one node and no node waits for another.
        await using var command = Command(
            connection,
            """
            UPDATE datarefresh.trigger_requests SET claimed_by = @node, claimed_at = @at
            WHERE id IN (SELECT id FROM datarefresh.trigger_requests WHERE claimed_by IS NULL ORDER BY id FOR UPDATE SKIP LOCKED)
            RETURNING id, job, requested_by, requested_at
            """,
            ("node", node), ("at", at.ToUniversalTime()));
        var claimed = new List<TriggerRequest>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new TriggerRequest(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        // RETURNING gives no order; the contract promises oldest first.
        return [.. claimed.OrderBy(request => request.Id)];
    }
}
