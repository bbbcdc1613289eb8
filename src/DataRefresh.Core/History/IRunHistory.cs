namespace DataRefresh.Core.History;

/// <summary>
/// The run history: a row per run, written when it starts and completed when it ends, so a run whose process died is
/// still listed (as running, until a live scheduler node marks it interrupted).
/// </summary>
public interface IRunHistory
{
    /// <summary>Inserts the run's row, <see cref="RunOutcome.Running"/> until <see cref="FinishRunAsync"/>.</summary>
    Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes the run's row; a run id with no row is an error (<see cref="InvalidOperationException"/>: the start was
    /// never recorded). A row already marked interrupted by another node is overwritten: the run's own end is the truth.
    /// </summary>
    Task FinishRunAsync(RunEnd end, CancellationToken cancellationToken = default);

    /// <summary>Replaces the running run's progress report; does nothing once the run's row says it ended.</summary>
    Task ReportProgressAsync(string runId, RunProgressReport progress, CancellationToken cancellationToken = default);

    /// <summary>Runs matching the query, newest first.</summary>
    Task<IReadOnlyList<RunHistoryEntry>> ReadRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every job's runs counted by outcome and exit code: what the console's metrics expose.</summary>
    Task<IReadOnlyList<RunSummary>> SummarizeRunsAsync(CancellationToken cancellationToken = default);

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
}
