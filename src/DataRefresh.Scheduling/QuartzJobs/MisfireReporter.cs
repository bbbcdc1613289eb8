using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;
using DataRefresh.Scheduling.Running;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.QuartzJobs;

/// <summary>
/// Says what became of a firing Quartz found missed (the node was down, or busy past the misfire threshold): with
/// <c>misfire: skip</c> it is logged and listed in the history as skipped, so no firing vanishes without a trace; with
/// <c>run-once</c> the log says it runs now.
/// </summary>
internal sealed class MisfireReporter(JobCatalog catalog, IHistoryStore history, SchedulerSettings settings, TimeProvider time, ILogger logger) : ITriggerListener
{
    public string Name => "datarefresh-misfires";

    public async ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        if (trigger.JobKey.Group != QuartzKeys.Group || catalog.Find(trigger.JobKey.Name) is not { Schedule: { } schedule } job)
        {
            return;
        }

        // Called before Quartz moves the trigger on: its next firing is the one that was missed.
        var missed = trigger.NextFireTimeUtc;
        var when = missed is { } due ? schedule.WallClock(due) : "unknown";
        if (schedule.Misfire == MisfirePolicy.RunOnce)
        {
            logger.Warning("Job {Job}: the firing at {When} was missed; running it once now (misfire: run-once)", job.Name, when);
            return;
        }

        logger.Warning("Job {Job}: the firing at {When} was missed (node down, or the job or every run slot still busy); skipped (misfire: skip)", job.Name, when);
        try
        {
            await SkippedRuns.RecordAsync(history, job, new RunOrigin("schedule", settings.Node, missed), $"the firing at {when} was missed (misfire: skip)", time, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.Warning("Job {Job}: the skipped firing could not be listed in the history store ({Error})", job.Name, exception.GetType().Name);
        }
    }

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
