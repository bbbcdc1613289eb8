using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Catalog;
using Microsoft.Extensions.Hosting;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.QuartzJobs;

/// <summary>
/// Makes Quartz's schedule match the job files before the scheduler starts: every known job is stored (durable, so a
/// <c>then:</c> copy or a disabled job can still be triggered), each enabled scheduled job gets its cron trigger, and
/// jobs whose files are gone are removed. A job whose file is bad here is not scheduled by this node but left in a shared
/// store: one node's broken copy of a file must not unschedule the job for the whole cluster. A trigger that is already stored unchanged is kept, so a persistent
/// store remembers its next firing across restarts and Quartz applies the job's misfire policy to what was missed.
/// </summary>
internal sealed class ScheduleSync(ISchedulerFactory schedulers, JobCatalog catalog, TimeProvider time, ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in catalog.Jobs)
        {
            await scheduler.AddJob(Detail(job), AddJobOptions.Replacing, cancellationToken);
            await SyncTriggerAsync(scheduler, job, cancellationToken);
        }

        foreach (var stored in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzKeys.Group), cancellationToken))
        {
            if (catalog.Find(stored.Name) is null && !catalog.Rejected.ContainsKey(stored.Name))
            {
                await scheduler.DeleteJob(stored, cancellationToken);
                logger.Information("Removed job {Job} from the schedule: no job file holds it any more", stored.Name);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SyncTriggerAsync(IScheduler scheduler, JobDefinition job, CancellationToken cancellationToken)
    {
        var key = QuartzKeys.Schedule(job.Name);
        var stored = await scheduler.GetTrigger(key, cancellationToken);
        if (job.Schedule is not { } schedule || !job.Enabled)
        {
            if (stored is not null)
            {
                await scheduler.UnscheduleJob(key, cancellationToken);
            }

            var why = job.Upstream is { } upstream ? $"runs after {upstream}" : job.Enabled ? "no schedule; runs when triggered" : "enabled: false";
            logger.Information("Job {Job}: {Why}", job.Name, why);
            return;
        }

        var wanted = Trigger(job.Name, schedule, time);
        if (stored is ICronTrigger cron && SameSchedule(cron, (ICronTrigger)wanted))
        {
            logger.Information("Job {Job}: {Schedule}, next run {Next}", job.Name, schedule.Describe(), Local(cron.NextFireTimeUtc, schedule));
            return;
        }

        var first = stored is null
            ? await scheduler.ScheduleJob(wanted, ScheduleJobOptions.Replacing, cancellationToken)
            : await scheduler.RescheduleJob(key, wanted, cancellationToken);
        logger.Information("Job {Job}: {Schedule}, next run {Next}", job.Name, schedule.Describe(), Local(first, schedule));
    }

    private static IJobDetail Detail(JobDefinition job) =>
        JobBuilder.Create<RefreshJob>()
            .WithIdentity(QuartzKeys.Job(job.Name))
            .WithDescription(job.Upstream is { } upstream ? $"{upstream} → {job.Target}" : $"{job.Source} → {job.Target}")
            .UsingJobData(QuartzKeys.JobName, job.Name)
            .StoreDurably()

            // A node that dies mid-run leaves the firing to another node, which runs the refresh again from the start.
            .RequestRecovery()
            .Build();

    /// <summary>The job's cron trigger in its time zone, with the misfire instruction its policy stands for.</summary>
    internal static ITrigger Trigger(string job, JobSchedule schedule, TimeProvider time) =>
        TriggerBuilder.Create(time)
            .WithIdentity(QuartzKeys.Schedule(job))
            .ForJob(QuartzKeys.Job(job))
            .StartAt(time.GetUtcNow())
            .WithCronSchedule(schedule.Cron, cron =>
            {
                cron.InTimeZone(schedule.TimeZone);
                cron.WithMisfireInstruction(MisfireInstruction(schedule.Misfire));
            })
            .Build();

    /// <summary>skip: a refresh missed at 02:00 must not overwrite testers' data at 10:00; run-once: once, however many were missed.</summary>
    private static CronTriggerMisfireInstruction MisfireInstruction(MisfirePolicy policy) =>
        policy == MisfirePolicy.RunOnce ? CronTriggerMisfireInstruction.FireAndProceed : CronTriggerMisfireInstruction.DoNothing;

    private static bool SameSchedule(ICronTrigger stored, ICronTrigger wanted) =>
        stored.CronExpressionString == wanted.CronExpressionString
        && stored.TimeZone.Id == wanted.TimeZone.Id
        && stored.MisfireInstruction == wanted.MisfireInstruction;

    private static string Local(DateTimeOffset? instant, JobSchedule schedule) => instant is { } next ? schedule.WallClock(next) : "never";
}
