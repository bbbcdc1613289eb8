using System.Reflection;
using DataRefresh.Core.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.QuartzJobs;
using DataRefresh.Scheduling.Running;
using Microsoft.Extensions.Hosting;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.Hosting;

/// <summary>
/// The node's duties towards the shared history store, every <see cref="SchedulerSettings.PollInterval"/>: report itself
/// alive, close the history rows of runs whose node went silent (killed processes), take the <c>datarefresh trigger</c>
/// requests (snapshot requests among them) — each claimed by one node, which hands it to Quartz, so in a cluster it runs
/// on whichever node is free — and remove the snapshots whose time to live has passed.
/// </summary>
internal sealed class NodeHeartbeat(
    IHistoryStore history, ISchedulerFactory schedulers, JobCatalog catalog, IJobExecutor executor, SchedulerSettings settings, SnapshotsFolder snapshots, TimeProvider time, ILogger logger)
    : BackgroundService
{
    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private readonly string version = typeof(NodeHeartbeat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        var first = true;
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
                if (first)
                {
                    logger.Information("Node {Node} is up: taking trigger requests every {Seconds:0.#} s", settings.Node, settings.PollInterval.TotalSeconds);
                    first = false;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The store may be restarting; the next beat tries again. No value reaches the log, only the kind of failure.
                logger.Warning("Node {Node}: the history store {Store} did not answer ({Error}); trying again", settings.Node, history.Location, exception.GetType().Name);
            }
        }
        while (await Ticks.NextAsync(timer, stoppingToken));
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await history.HeartbeatAsync(settings.Node, startedAt, now, version, cancellationToken);
        var abandoned = await history.MarkAbandonedAsync(now - settings.NodeSilenceLimit, "the node running it stopped before it ended", now, cancellationToken);
        if (abandoned > 0)
        {
            logger.Warning("Closed {Count} run(s) as interrupted: their node stopped reporting before they ended", abandoned);
        }

        if (snapshots.Path is { } folder)
        {
            Core.Snapshots.SnapshotCatalog.RemoveExpired(folder, now, logger);
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var request in await history.ClaimTriggerRequestsAsync(settings.Node, now, cancellationToken))
        {
            if (catalog.Find(request.Job) is not { } job)
            {
                logger.Error("Trigger request {Id} from {By} names job {Job}, which this node's jobs folder does not hold as a valid job; ignored", request.Id, request.RequestedBy, request.Job);
                continue;
            }

            if (Core.Runs.RollbackRequests.IsRollback(request.RequestedBy))
            {
                await RollBackAsync(job, request, cancellationToken);
                continue;
            }

            try
            {
                await scheduler.TriggerJob(
                    QuartzKeys.Job(request.Job), new JobDataMap { [QuartzKeys.Reason] = request.RunReason }, cancellationToken);
                logger.Information("Job {Job}: run requested by {By} (request {Id})", request.Job, request.RequestedBy, request.Id);
            }
            catch (SchedulerException exception)
            {
                // One request that cannot be handed over (the node is stopping) does not take the others with it.
                logger.Error("Trigger request {Id} for job {Job} could not be handed to the scheduler ({Error}); run 'datarefresh trigger {Job}' again", request.Id, request.Job, exception.GetType().Name, request.Job);
            }
        }
    }

    /// <summary>
    /// A rollback asked for from the console: done here, at once (a rename under the target's lock, refused while a run
    /// holds the target), not through Quartz, because it is not a run of the job and starts no <c>then:</c> copies.
    /// </summary>
    private async Task RollBackAsync(Core.Jobs.JobDefinition job, TriggerRequest request, CancellationToken cancellationToken)
    {
        if (job.Snapshot is not null)
        {
            logger.Error("Rollback request {Id} from {By} names job {Job}, a snapshot job, which has no target to roll back; ignored", request.Id, request.RequestedBy, job.Name);
            return;
        }

        logger.Information("Job {Job}: rolling back target {Target}, requested by {By} (request {Id})", job.Name, job.Target, request.RequestedBy, request.Id);
        var result = await executor.RollBackAsync(job, request.RunReason, cancellationToken);
        if (result.Succeeded)
        {
            logger.Information("Job {Job}: target {Target} rolled back (run {RunId})", job.Name, job.Target, result.RunId);
        }
    }
}
