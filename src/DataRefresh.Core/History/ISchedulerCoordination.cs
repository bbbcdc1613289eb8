using DataRefresh.Core.Drift;

namespace DataRefresh.Core.History;

/// <summary>
/// What several scheduler processes share without talking to each other: each node's heartbeat, the queue of
/// <c>datarefresh trigger</c> requests, and the latest drift check of each scheduled job.
/// </summary>
public interface ISchedulerCoordination
{
    /// <summary>Records that <paramref name="node"/> is alive (inserted the first time, updated afterwards).</summary>
    Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default);

    /// <summary>Every node that has ever reported itself alive, ordered by name.</summary>
    Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>Queues a request to run <paramref name="job"/> now; returns its id.</summary>
    Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Requests no node has claimed yet, oldest first (what <c>snapshot list</c> shows as queued).</summary>
    Task<IReadOnlyList<TriggerRequest>> ReadPendingTriggerRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every request made at or after <paramref name="since"/>, claimed or not, oldest first (what the console follows).</summary>
    Task<IReadOnlyList<TriggerRequest>> ReadTriggerRequestsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes every unclaimed request for <paramref name="node"/>, oldest first. Each request is claimed by exactly one
    /// node even when several poll at once.
    /// </summary>
    Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="check"/> its job's latest, unless the latest already covers the same firing and basis (another
    /// node checked first); returns whether it was saved, so only one node alerts.
    /// </summary>
    Task<bool> SaveDriftCheckAsync(DriftCheck check, CancellationToken cancellationToken = default);

    /// <summary>The latest drift check of every job that has one, by job name.</summary>
    Task<IReadOnlyList<DriftCheck>> ReadDriftChecksAsync(CancellationToken cancellationToken = default);
}
