using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.QuartzJobs;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.Running;

/// <summary>
/// What a job's <c>then:</c> copies do once it ended: after a success (verification passed, target swapped) each copy is
/// handed to the scheduler as a firing of its own, so copies run in parallel and, in a cluster, on any node; after
/// anything else every copy down the chain is recorded as skipped, naming the upstream run and how it ended.
/// </summary>
public sealed class ChainFollowUp(IHistoryStore history, TimeProvider time, ILogger logger)
{
    public async Task ContinueAsync(IScheduler scheduler, JobDefinition job, JobRunResult result, string node, CancellationToken cancellationToken = default)
    {
        foreach (var copy in job.Then)
        {
            if (result.Succeeded)
            {
                try
                {
                    await scheduler.TriggerJob(QuartzKeys.Job(copy.Name), new JobDataMap { [QuartzKeys.Reason] = $"after {job.Name} (run {result.RunId})" }, cancellationToken);
                    logger.Information("Job {Job} succeeded; starting {Copy} ({Source} -> {Target})", job.Name, copy.Name, copy.Source, copy.Target);
                }
                catch (SchedulerException exception)
                {
                    // The node is stopping (its in-memory schedule is gone): say so rather than lose the copy silently.
                    await SkipChainAsync(copy, $"the node stopped before it could start after {job.Name} (run {result.RunId}; {exception.GetType().Name})", node, cancellationToken);
                }
            }
            else
            {
                await SkipChainAsync(copy, $"upstream {job.Name} {result.Outcome.ToText()}{Detail(result)}", node, cancellationToken);
            }
        }
    }

    private async Task SkipChainAsync(JobDefinition copy, string reason, string node, CancellationToken cancellationToken)
    {
        logger.Warning("Skipping {Copy}: {Reason}", copy.Name, reason);
        await SkippedRuns.RecordAsync(history, copy, new RunOrigin($"after {copy.Upstream}", node), reason, time, cancellationToken);
        foreach (var further in copy.Then)
        {
            await SkipChainAsync(further, $"upstream {copy.Name} was skipped", node, cancellationToken);
        }
    }

    private static string Detail(JobRunResult result) =>
        result.RunId is null ? "" : $" (run {result.RunId}{(result.ExitCode != 0 ? $", exit {result.ExitCode}" : "")})";
}
