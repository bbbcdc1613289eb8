using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// One run per target: a run takes the target's lock before anything else and, holding it, removes what killed runs
/// left behind. The lock is held until the run is over, so no other run's side database can be mistaken for a leftover.
/// </summary>
public static class TargetLocking
{
    /// <summary>Takes the lock and drops leftovers; their names go to <paramref name="journal"/>, so the audit shows which earlier runs never finished.</summary>
    public static async Task<ITargetLock> AcquireAsync(RefreshContext context, RunJournal journal, ILogger logger, CancellationToken cancellationToken = default)
    {
        var targetLock = await context.TargetProvider.TryLockTargetAsync(context.Target, cancellationToken)
            ?? throw new DataRefreshException(
                ExitCodes.TargetBusy,
                $"Another run is refreshing target '{context.Target.Name}' right now; wait for it to finish (or stop it), then retry.");
        try
        {
            journal.LeftoversRemoved = await RemoveLeftoversAsync(targetLock, logger, cancellationToken);
            return targetLock;
        }
        catch
        {
            await targetLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>Drops every leftover side database of the locked target, logging each; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> RemoveLeftoversAsync(ITargetLock targetLock, ILogger logger, CancellationToken cancellationToken = default)
    {
        var leftovers = await targetLock.FindLeftoversAsync(cancellationToken);
        foreach (var leftover in leftovers)
        {
            await targetLock.DropLeftoverAsync(leftover, cancellationToken);
            logger.Information("Dropped {Database}, left behind by an earlier run of {Target} that did not finish", leftover, targetLock.TargetDatabase);
        }

        return leftovers;
    }
}
