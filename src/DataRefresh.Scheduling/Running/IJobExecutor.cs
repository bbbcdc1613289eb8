using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Scheduling.Running;

/// <summary>
/// Runs one refresh the way <c>datarefresh run</c> does — audit record, history row, progress — for the scheduler. The
/// command line provides it; the scheduler decides when, how often and in what order.
/// </summary>
public interface IJobExecutor
{
    /// <summary>Runs the job once; never throws for a failed run, which comes back as the result.</summary>
    Task<JobRunResult> RunAsync(JobDefinition job, RunOrigin origin, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rolls the job's target back to the copy its last run kept (<c>keepPrevious</c>), audited with <paramref name="trigger"/>;
    /// never throws for a refused or failed rollback, which comes back as the result.
    /// </summary>
    Task<JobRunResult> RollBackAsync(JobDefinition job, string trigger, CancellationToken cancellationToken = default);

    /// <summary>
    /// What would stop the job's next run before data moves, found now without copying a row (rules against the source's
    /// catalog, the approval the job requires), as the run would print it; never throws except when cancelled.
    /// </summary>
    Task<IReadOnlyList<string>> FindProblemsAheadAsync(JobDefinition job, CancellationToken cancellationToken = default);

    /// <summary>Whether another run holds the job's target right now (asked before a run, so a wait leaves no failed runs behind).</summary>
    Task<bool> IsTargetBusyAsync(JobDefinition job, CancellationToken cancellationToken = default);
}

/// <summary>How one run ended: <paramref name="Transient"/> when a retry may succeed (connection lost, server restarting).</summary>
public sealed record JobRunResult(string? RunId, RunOutcome Outcome, int ExitCode, string? Error, bool Transient)
{
    public bool Succeeded => Outcome == RunOutcome.Succeeded;
}
