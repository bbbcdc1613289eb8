using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.QuartzJobs;
using Microsoft.Extensions.Hosting;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.Hosting;

/// <summary>
/// Firings missed while no node ran, for the in-memory store, which forgets its schedule when the process ends (the
/// PostgreSQL store remembers it, and Quartz applies the misfire policy there itself). At start, each scheduled job's
/// latest run in the history tells whether a firing came due since. A firing less than the misfire threshold ago is
/// merely late (a restart at 02:00:30) and runs, whatever the policy, as Quartz would run it; an older one runs once now
/// with <c>misfire: run-once</c>, while <c>skip</c> only says in the log that it was skipped. A job with no run in the
/// history never catches up.
/// </summary>
internal sealed class MissedFirings(
    IHistoryStore history, ISchedulerFactory schedulers, JobCatalog catalog, SchedulerSettings settings, TimeProvider time, ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (settings.Store != SchedulerStore.Memory)
        {
            return;
        }

        var latest = await history.LatestRunPerJobAsync(cancellationToken);
        var now = time.GetUtcNow();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in catalog.Jobs)
        {
            if (job.Schedule is not { } schedule || !job.Enabled || !latest.TryGetValue(job.Name, out var last)
                || LatestMissed(schedule, last.ScheduledFor ?? last.StartedAt, now) is not { } missed)
            {
                continue;
            }

            var when = schedule.WallClock(missed);
            if (now - missed <= settings.MisfireThreshold)
            {
                logger.Information("Job {Job}: the firing at {When} came due while the node was starting; running it now", job.Name, when);
                await scheduler.TriggerJob(QuartzKeys.Job(job.Name), new JobDataMap { [QuartzKeys.Reason] = $"late firing of {when}" }, cancellationToken);
                continue;
            }

            if (schedule.Misfire == MisfirePolicy.Skip)
            {
                logger.Information("Job {Job}: the firing at {When} was missed while no scheduler ran; waiting for the next one (misfire: skip)", job.Name, when);
                continue;
            }

            logger.Information("Job {Job}: the firing at {When} was missed while no scheduler ran; running it once now (misfire: run-once)", job.Name, when);
            await scheduler.TriggerJob(QuartzKeys.Job(job.Name), new JobDataMap { [QuartzKeys.Reason] = $"missed firing of {when} (misfire: run-once)" }, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The latest firing after <paramref name="lastRun"/> and before <paramref name="now"/>; null when none came due.</summary>
    public static DateTimeOffset? LatestMissed(JobSchedule schedule, DateTimeOffset lastRun, DateTimeOffset now)
    {
        DateTimeOffset? missed = null;

        // Bounded: a per-second schedule after a long outage need not be walked to the end; any missed firing will do then.
        for (var (next, steps) = (schedule.NextFireAfter(lastRun), 0); next is { } due && due < now && steps < 100_000; next = schedule.NextFireAfter(due), steps++)
        {
            missed = due;
        }

        return missed;
    }
}
