using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Runs;

/// <summary>
/// <c>datarefresh rollback &lt;target&gt;</c> for every host: puts the copy a run kept (<c>keepPrevious</c>) back under a
/// non-production target's name. It takes the target's run lock, as a run does, so it never races a refresh; finishes
/// or removes what killed runs left; swaps through the engine (<see cref="ITargetLock.RollBackAsync"/>); runs no
/// <c>then:</c> copies; and keeps an audit record of kind rollback whatever the outcome once the lock was taken.
/// </summary>
public sealed class TargetRollback(DataRefreshSettings settings, ProviderRegistry providers, AuditTrail trail, ILogger logger, TimeProvider time)
{
    /// <summary>
    /// Returns the rollback's run id; failures are thrown as one sentence with their exit code. <paramref name="trigger"/>
    /// says who asked when it was not the command line ("request 12 by rollback by console:dana"), kept in the record.
    /// </summary>
    public async Task<string> RunAsync(string environmentName, string? trigger = null, CancellationToken cancellationToken = default)
    {
        var target = settings.GetEnvironment(environmentName);
        var provider = providers.Get(target);
        await EnsureNotProductionAsync(target, provider, cancellationToken);
        await trail.EnsureWritableAsync(cancellationToken);

        var started = time.GetUtcNow();
        var runId = RunIds.New(started);
        await using var targetLock = await provider.TryLockTargetAsync(target, cancellationToken);
        if (targetLock is null)
        {
            var busy = new DataRefreshException(ExitCodes.TargetBusy, $"A run is refreshing target '{target.Name}' right now; wait for it to finish, then roll back. Nothing was changed.");
            if (trigger is not null)
            {
                // Asked for from the console: nobody watches this process, so the refusal is kept where the asker looks.
                await RecordAsync(Record(runId, target, provider, trigger, started, AuditOutcome.Failed, busy.ExitCode, busy.Message, replaced: false), CancellationToken.None);
            }

            throw busy;
        }

        try
        {
            await TargetLocking.RemoveLeftoversAsync(targetLock, logger, cancellationToken);
            if (!await targetLock.RollBackAsync(runId, cancellationToken))
            {
                throw new DataRefreshException(
                    ExitCodes.NoPreviousCopy,
                    $"target '{target.Name}' has no previous copy to roll back to: only a run of a job with keepPrevious: true keeps one, and a rollback uses it up. Nothing was changed.");
            }
        }
        catch (Exception exception)
        {
            var explained = providers.Explain(exception);
            var outcome = exception is OperationCanceledException ? AuditOutcome.Cancelled : AuditOutcome.Failed;
            await RecordAsync(Record(runId, target, provider, trigger, started, outcome, explained.ExitCode, explained.Message, replaced: false), CancellationToken.None);
            if (ReferenceEquals(explained, exception))
            {
                throw;
            }

            throw explained;
        }

        logger.Information("Rolled back target {Target} to its previous copy (run {RunId})", target.Name, runId);
        var problems = await RecordAsync(Record(runId, target, provider, trigger, started, AuditOutcome.Succeeded, ExitCodes.Success, null, replaced: true), CancellationToken.None);
        if (problems.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.AuditNotWritten,
                $"target '{target.Name}' was rolled back (run {runId}), but the audit record could not be written to {string.Join(" and ", problems)}; fix the audit location, and keep this output as the record.");
        }

        return runId;
    }

    /// <summary>The run's own guard, without a job to point at: production by flag, or by address.</summary>
    private async Task EnsureNotProductionAsync(EnvironmentSettings target, IRefreshProvider provider, CancellationToken cancellationToken)
    {
        if (target.Production)
        {
            throw new DataRefreshException(ExitCodes.ProductionGuard, $"refusing to roll back environment '{target.Name}': it is marked production: true, and DataRefresh never writes to production. Nothing was changed.");
        }

        if (await ProductionGuard.FindAtSameAddressAsync(target, settings.ProductionEnvironments(), provider, cancellationToken) is { } production)
        {
            throw new DataRefreshException(
                ExitCodes.ProductionGuard,
                $"refusing to roll back environment '{target.Name}': its connection string leads to the same server and database as production environment '{production.Name}'. Nothing was changed.");
        }
    }

    private AuditRecord Record(
        string runId, EnvironmentSettings target, IRefreshProvider provider, string? trigger, DateTimeOffset started, AuditOutcome outcome, int exitCode, string? error, bool replaced)
    {
        var ended = time.GetUtcNow();
        return AuditRecord.Operation(AuditKinds.Rollback, runId, outcome, exitCode, started, ended) with
        {
            Error = error,
            Trigger = trigger,
            DurationSeconds = (ended - started).TotalSeconds,
            Target = AuditDatabase.Describe(target, provider, identity: null),
            TargetReplaced = replaced,
        };
    }

    private async Task<IReadOnlyList<string>> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        var problems = await trail.WriteAsync(record, cancellationToken);
        if (problems.Count > 0 && record.Outcome != AuditOutcome.Succeeded)
        {
            logger.Warning("The audit record of this failed rollback could not be written to {Places}", string.Join(" and ", problems));
        }

        return problems;
    }
}
