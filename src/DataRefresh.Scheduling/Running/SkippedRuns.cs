using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Scheduling.Running;

/// <summary>A firing that did not run still gets a history row, saying why: an operator asking "did qa refresh?" gets an answer.</summary>
internal static class SkippedRuns
{
    public static async Task<JobRunResult> RecordAsync(IRunHistory history, JobDefinition job, RunOrigin origin, string reason, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var runId = RunIds.New(now);
        await history.StartRunAsync(new RunStart(runId, job.Name, origin.Trigger, origin.Node, now, origin.ScheduledFor, job.Target), cancellationToken);
        await history.FinishRunAsync(new RunEnd(runId, RunOutcome.Skipped, now, 0, $"skipped: {reason}", []), cancellationToken);
        return new JobRunResult(runId, RunOutcome.Skipped, 0, reason, Transient: false);
    }
}
