using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Hosting;
using Serilog;

namespace DataRefresh.Scheduling.Running;

/// <summary>
/// One firing of a job, however many runs it takes: while another run writes the target it waits (<c>whenBusy: wait</c>,
/// within the job's <c>timeout</c>) or records the firing as skipped (<c>whenBusy: skip</c>), saying which in the log;
/// a run that failed on a transient error is retried up to <c>retries</c> times, the pause doubling from
/// <see cref="SchedulerSettings.RetryDelay"/>. Each run has its own history row and audit record.
/// </summary>
public sealed class RunAttempts(IJobExecutor executor, IHistoryStore history, SchedulerSettings settings, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(30);

    public async Task<JobRunResult> RunAsync(JobDefinition job, RunOrigin origin, CancellationToken cancellationToken = default)
    {
        var firstTry = time.GetUtcNow();
        var waiting = false;
        for (var retry = 0; ;)
        {
            if (await TargetBusyAsync(job, cancellationToken))
            {
                if (job.WhenBusy == BusyPolicy.Skip)
                {
                    logger.Warning("Job {Job}: another run is writing target {Target}; skipping this firing (whenBusy: skip)", job.Name, job.Target);
                    return await SkippedRuns.RecordAsync(history, job, origin, $"another run was writing target '{job.Target}' (whenBusy: skip)", time, cancellationToken);
                }

                if (job.Timeout is { } limit && time.GetUtcNow() - firstTry >= limit)
                {
                    logger.Warning("Job {Job}: target {Target} stayed busy longer than the job's timeout ({Timeout}); giving up this firing", job.Name, job.Target, DurationText.Format(limit));
                    return await SkippedRuns.RecordAsync(history, job, origin, $"target '{job.Target}' stayed busy longer than the job's timeout ({DurationText.Format(limit)})", time, cancellationToken);
                }

                if (!waiting)
                {
                    logger.Information("Job {Job}: another run is writing target {Target}; waiting until it is free (whenBusy: wait)", job.Name, job.Target);
                    waiting = true;
                }

                await Task.Delay(settings.BusyPollInterval, time, cancellationToken);
                continue;
            }

            if (waiting)
            {
                logger.Information("Job {Job}: target {Target} is free; starting", job.Name, job.Target);
                waiting = false;
            }

            var attempt = retry == 0 ? origin : origin with { Trigger = $"{origin.Trigger}, retry {retry} of {job.Retries}" };
            var result = await executor.RunAsync(job, attempt, cancellationToken);
            if (result.ExitCode == ExitCodes.TargetBusy)
            {
                // Another run took the target between the check and the run's own lock: treat it as busy.
                await Task.Delay(settings.BusyPollInterval, time, cancellationToken);
                continue;
            }

            if (result.Succeeded || !result.Transient || retry >= job.Retries || cancellationToken.IsCancellationRequested)
            {
                return result;
            }

            retry++;
            var delay = RetryDelay(retry);
            logger.Warning("Job {Job}: run {RunId} failed on a transient error; retry {Retry} of {Retries} in {Delay}", job.Name, result.RunId, retry, job.Retries, DurationText.Format(delay));
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>The pause before retry <paramref name="retry"/> (1-based): the delay, then doubling, at most 30 minutes.</summary>
    public TimeSpan RetryDelay(int retry) =>
        TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, settings.RetryDelay.Ticks * (1L << Math.Min(retry - 1, 20))));

    private async Task<bool> TargetBusyAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.IsTargetBusyAsync(job, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The run itself will meet the same problem and record it properly (and retry it when transient).
            return false;
        }
    }
}
