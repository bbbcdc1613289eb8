using DataRefresh.Core.Audit;

namespace DataRefresh.Core.History;

/// <summary>
/// Where runs are remembered: their audit records, and the run history, a row per run written when it starts and
/// completed when it ends, so a run whose process died is still listed. It also carries what several scheduler
/// processes share without talking to each other: each node's heartbeat and the queue of <c>datarefresh trigger</c>
/// requests. SQLite by default, PostgreSQL when configured (a cluster needs one shared store); both in
/// DataRefresh.History. A store creates or migrates its schema on first use.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Where the store lives, for messages (a file path, a connection without secrets).</summary>
    string Location { get; }

    /// <summary>Creates or migrates the schema, so a run never starts when its record could not be kept.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds one run's record; <paramref name="json"/> is its <see cref="AuditJson"/> form, stored as it is.</summary>
    Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default);

    /// <summary>Records matching the query, oldest first; each is the JSON stored for it.</summary>
    Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Inserts the run's row, <see cref="RunOutcome.Running"/> until <see cref="FinishRunAsync"/>.</summary>
    Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes the run's row; a run id with no row is an error (<see cref="InvalidOperationException"/>: the start was
    /// never recorded). A row already marked interrupted by another node is overwritten: the run's own end is the truth.
    /// </summary>
    Task FinishRunAsync(RunEnd end, CancellationToken cancellationToken = default);

    /// <summary>Runs matching the query, newest first.</summary>
    Task<IReadOnlyList<RunHistoryEntry>> ReadRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The newest run of each job, by job name.</summary>
    Task<IReadOnlyDictionary<string, RunHistoryEntry>> LatestRunPerJobAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends as <see cref="RunOutcome.Interrupted"/> every still-running row of <paramref name="job"/> that another scheduler
    /// node than <paramref name="exceptNode"/> started (a node that has sent a heartbeat; a <c>run</c> command's row is left
    /// alone): called by the node that recovers the job. <paramref name="reason"/>
    /// becomes the row's error and <paramref name="at"/> its end; the exit code stays null (no process reported one).
    /// Returns how many.
    /// </summary>
    Task<int> MarkInterruptedAsync(string job, string exceptNode, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends as <see cref="RunOutcome.Interrupted"/> every still-running row of a scheduler node that reported itself alive
    /// once but not since <paramref name="silentSince"/>, or that restarted under the same name after the run began: runs
    /// of processes that were killed. Rows of nodes that never beat
    /// (a <c>run</c> command) are left alone. Reason, end and exit code as for <see cref="MarkInterruptedAsync"/>. Returns how many.
    /// </summary>
    Task<int> MarkAbandonedAsync(DateTimeOffset silentSince, string reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="node"/> is alive (inserted the first time, updated afterwards).</summary>
    Task HeartbeatAsync(string node, DateTimeOffset startedAt, DateTimeOffset at, string version, CancellationToken cancellationToken = default);

    /// <summary>Every node that has ever reported itself alive, ordered by name.</summary>
    Task<IReadOnlyList<SchedulerNode>> ReadNodesAsync(CancellationToken cancellationToken = default);

    /// <summary>Queues a request to run <paramref name="job"/> now; returns its id.</summary>
    Task<long> RequestTriggerAsync(string job, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes every unclaimed request for <paramref name="node"/>, oldest first. Each request is claimed by exactly one
    /// node even when several poll at once.
    /// </summary>
    Task<IReadOnlyList<TriggerRequest>> ClaimTriggerRequestsAsync(string node, DateTimeOffset at, CancellationToken cancellationToken = default);
}
