using DataRefresh.Core.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;
using DataRefresh.Scheduling.Running;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.QuartzJobs;

/// <summary>
/// A Quartz firing of a DataRefresh job: says in the history why it runs (schedule, trigger command, upstream, recovery),
/// runs it through <see cref="RunAttempts"/> with the firing's cancellation token (cancelled on shutdown), then lets the
/// <c>then:</c> chain follow. A recovered firing (its node died mid-run) first closes the dead run's history row.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RefreshJob(
    JobCatalog catalog, RunAttempts attempts, ChainFollowUp chain, IHistoryStore history, SchedulerSettings settings, TimeProvider time, ILogger logger) : IJob
{
    private static readonly TimeSpan LateStart = TimeSpan.FromSeconds(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.MergedJobDataMap.GetString(QuartzKeys.JobName) ?? context.JobDetail.Key.Name;
        if (catalog.Find(name) is not { } job)
        {
            // A clustered node whose jobs folder lacks a job another node scheduled: say so rather than run something else.
            logger.Error("Job {Job} fired on node {Node}, whose jobs folder has no valid job of that name; all nodes need the same jobs folder", name, settings.Node);
            return;
        }

        var origin = Origin(context);
        if (context.ScheduledFireTimeUtc is { } due && context.FireTimeUtc - due > LateStart)
        {
            // Quartz held the firing: the job's previous run was still going, or every run slot of the node was taken.
            logger.Information("Job {Job}: the firing due at {Due:u} starts {Seconds:0} s late; it waited for the job's previous run or a free run slot", name, due, (context.FireTimeUtc - due).TotalSeconds);
        }

        if (context.Recovering)
        {
            var closed = await history.MarkInterruptedAsync(
                name, settings.Node, $"the node running it stopped before it ended; node {settings.Node} ran the job again", time.GetUtcNow(), cancellationToken);
            logger.Warning("Job {Job}: recovering a firing whose node stopped mid-run ({Closed} run(s) closed as interrupted); running it again from the start", name, closed);
        }

        Running.JobRunResult result;
        try
        {
            result = await attempts.RunAsync(job, origin, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while waiting for a busy target or before a retry: nothing was running, nothing to record.
            logger.Information("Job {Job}: node stopping; the firing was given up before it ran", name);
            return;
        }

        // Even while stopping: a copy whose upstream swapped in just before the stop is still handed over (a persistent
        // store keeps it for another node), and copies of a cancelled upstream are listed as skipped.
        await chain.ContinueAsync(context.Scheduler, job, result, settings.Node, CancellationToken.None);
    }

    private RunOrigin Origin(IJobExecutionContext context)
    {
        if (context.Recovering)
        {
            // A recovering firing keeps the scheduled time of the firing it replaces.
            return new RunOrigin("recovery after a node stopped", settings.Node, context.ScheduledFireTimeUtc);
        }

        if (context.MergedJobDataMap.GetString(QuartzKeys.Reason) is { Length: > 0 } reason)
        {
            return new RunOrigin(reason, settings.Node);
        }

        return context.Trigger.Key.Equals(QuartzKeys.Schedule(context.JobDetail.Key.Name))
            ? new RunOrigin("schedule", settings.Node, context.ScheduledFireTimeUtc)
            : new RunOrigin("trigger", settings.Node);
    }
}
