using DataRefresh.Core.Drift;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Running;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace DataRefresh.Scheduling.Hosting;

/// <summary>
/// Drift before the night: within <see cref="SchedulerSettings.DriftCheckLead"/> of a scheduled job's next firing, the
/// node checks what would stop that run before data moves (<see cref="IJobExecutor.FindProblemsAheadAsync"/>), once per
/// firing and again whenever the rule files or the approval change (<see cref="DriftCheckBasis"/>). The result becomes the
/// job's latest check in the history store, which the console and <c>/metrics</c> show; a check with problems is logged
/// as an error and sent to the webhooks that hear <c>drift</c>. In a cluster every node may check, only the one whose
/// result is saved first alerts.
/// </summary>
internal sealed class DriftWatch(
    JobCatalog catalog, IJobExecutor executor, IHistoryStore history, SchedulerSettings settings, DriftAlerts alerts, TimeProvider time, ILogger logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.DriftCheckLead == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                await CheckDueJobsAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.Warning("Node {Node}: could not check the coming firings for drift ({Error}); trying again", settings.Node, exception.GetType().Name);
            }
        }
        while (await Ticks.NextAsync(timer, stoppingToken));
    }

    /// <summary>Checks every scheduled job whose next firing is within the lead time and whose latest check does not cover it.</summary>
    internal async Task CheckDueJobsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var latest = (await history.ReadDriftChecksAsync(cancellationToken)).ToDictionary(check => check.Job, StringComparer.Ordinal);
        foreach (var job in catalog.Jobs.Where(job => job.Schedule is not null && job.Enabled))
        {
            if (job.Schedule!.NextFireAfter(now) is not { } firing || firing - now > settings.DriftCheckLead)
            {
                continue;
            }

            var basis = await DriftCheckBasis.OfAsync(job, history, cancellationToken);
            if (latest.TryGetValue(job.Name, out var last) && last.Covers(firing, basis))
            {
                continue;
            }

            var problems = await executor.FindProblemsAheadAsync(job, cancellationToken);
            var check = new DriftCheck(job.Name, firing, basis, settings.Node, time.GetUtcNow(), problems);
            if (await history.SaveDriftCheckAsync(check, cancellationToken))
            {
                await ReportAsync(job, check, cancellationToken);
            }
        }
    }

    private async Task ReportAsync(JobDefinition job, DriftCheck check, CancellationToken cancellationToken)
    {
        var firing = job.Schedule!.WallClock(check.FiringAt);
        if (check.Passed)
        {
            logger.Information("Job {Job}: rules checked against source {Source} for the firing at {Firing}: nothing would stop it", job.Name, job.Source, firing);
            return;
        }

        foreach (var problem in check.Problems)
        {
            logger.Error("Job {Job}: the firing at {Firing} would stop before copying: {Problem}", job.Name, firing, problem);
        }

        if (alerts.Notifier is { } notifier)
        {
            await notifier.NotifyDriftAsync(check, cancellationToken);
        }
    }
}
