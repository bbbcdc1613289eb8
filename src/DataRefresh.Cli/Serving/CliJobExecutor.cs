using DataRefresh.Cli.Commands;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Drift;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Runs;
using DataRefresh.Scheduling.Running;

namespace DataRefresh.Cli.Serving;

/// <summary>
/// Runs scheduled refreshes exactly as <c>datarefresh run</c> does (<see cref="JobRunner"/>: the same records, progress
/// lines and errors), turning what it throws into a result the scheduler can act on.
/// </summary>
internal sealed class CliJobExecutor(CommandServices services, CliConsole console, IRuleReviews reviews, TimeProvider time) : IJobExecutor
{
    public async Task<JobRunResult> RunAsync(JobDefinition job, RunOrigin origin, CancellationToken cancellationToken = default)
    {
        var runId = RunIds.New(time.GetUtcNow());
        try
        {
            // Progress as log lines even on a terminal: serve runs jobs side by side, and a terminal holds one set of bars.
            var display = new ConsoleRunDisplay(console with { Terminal = null }, services.Logger);
            var request = new RunRequest(job.File, job, origin, runId) { RequestedFor = Core.Snapshots.SnapshotRequests.ForWhom(origin.Trigger) };
            await services.JobRunner(time).RunAsync(request, display, cancellationToken);
            return new JobRunResult(runId, RunOutcome.Succeeded, ExitCodes.Success, null, Transient: false);
        }
        catch (Exception exception)
        {
            var explained = services.Providers.Explain(exception);
            if (explained.ExitCode == ExitCodes.AuditNotWritten)
            {
                // The target was refreshed and its history row says so; only the audit record is missing (logged as an error).
                services.Logger.Error("Job {Job}: {Error}", job.Name, explained.Message);
                return new JobRunResult(runId, RunOutcome.Succeeded, explained.ExitCode, explained.Message, Transient: false);
            }

            // Cancelled while the scheduler's own token was not: the job's timeout ended it.
            var timedOut = explained.ExitCode == ExitCodes.Cancelled && !cancellationToken.IsCancellationRequested;
            services.Logger.Error("Job {Job} ended with exit {ExitCode}: {Error}", job.Name, explained.ExitCode, explained.Message);
            return new JobRunResult(
                runId, RunOutcomes.FromExitCode(explained.ExitCode, timedOut), explained.ExitCode, explained.Message, IsTransient(exception, explained.ExitCode));
        }
    }

    public async Task<JobRunResult> RollBackAsync(JobDefinition job, string trigger, CancellationToken cancellationToken = default)
    {
        try
        {
            var rollback = new TargetRollback(services.Settings, services.Providers, services.AuditTrail(), services.Logger, time);
            var runId = await rollback.RunAsync(job.Target, trigger, cancellationToken);
            return new JobRunResult(runId, RunOutcome.Succeeded, ExitCodes.Success, null, Transient: false);
        }
        catch (Exception exception)
        {
            var explained = services.Providers.Explain(exception);
            services.Logger.Error("Job {Job}: rolling back target {Target} ended with exit {ExitCode}: {Error}", job.Name, job.Target, explained.ExitCode, explained.Message);
            return new JobRunResult(null, RunOutcomes.FromExitCode(explained.ExitCode, timedOut: false), explained.ExitCode, explained.Message, Transient: false);
        }
    }

    public Task<IReadOnlyList<string>> FindProblemsAheadAsync(JobDefinition job, CancellationToken cancellationToken = default) =>
        RulesAhead.FindProblemsAsync(job, services.Settings, services.Providers, reviews, cancellationToken);

    public async Task<bool> IsTargetBusyAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        if (job.Snapshot is not null)
        {
            // Every snapshot is written into a folder of its own: runs of a snapshot job never share a target.
            return false;
        }

        var context = RefreshContext.Create(job, services.Settings, services.Providers);
        await using var targetLock = await context.TargetProvider.TryLockTargetAsync(context.Target, cancellationToken);
        return targetLock is null;
    }

    /// <summary>
    /// Worth running again: what the provider takes for transient (connection lost, server restarting or full of
    /// connections, deadlock, serialization failure). Never a cancellation, a wrong password or a missing database.
    /// </summary>
    private bool IsTransient(Exception exception, int exitCode) =>
        exitCode != ExitCodes.Cancelled && services.Providers.IsTransient(exception);
}
