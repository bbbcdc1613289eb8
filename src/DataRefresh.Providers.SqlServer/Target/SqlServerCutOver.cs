namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// Swaps a verified side database in for the target by renames, journaled step by step on the target server. A kill at
/// any point leaves the journal naming the step that was about to run; <see cref="RecoverAsync"/> (the next run of the
/// target, or <c>cleanup</c>) runs the cut-over on from that step. It always goes forward — the side database was
/// verified before the journal was first written — so the target name ends on the new copy, open to every session,
/// never on nothing. A kill before the journal's first record leaves the target untouched and the side database a
/// leftover, which the next run drops.
/// </summary>
internal sealed class SqlServerCutOver(ICutOverServer server)
{
    /// <summary>Runs the cut-over from <paramref name="entry"/>'s step: a new one from its first, an interrupted one from where it stopped.</summary>
    public async Task RunAsync(CutOverJournalEntry entry, CancellationToken cancellationToken)
    {
        foreach (var step in Enum.GetValues<CutOverStep>().Where(step => step >= entry.Step))
        {
            await server.WriteJournalAsync(entry with { Step = step }, cancellationToken);
            await RunStepAsync(entry, step, cancellationToken);
        }

        await server.DeleteJournalAsync(entry.Target, cancellationToken);
    }

    /// <summary>
    /// Puts <c>&lt;target&gt;__previous</c> back under the target's name: this same journaled cut-over, with the previous
    /// copy as the incoming database and the current one renamed aside under the rollback's run id and dropped, so a kill
    /// part way is finished by <see cref="RecoverAsync"/> as a run's cut-over is. False, with nothing changed, when there
    /// is no previous copy.
    /// </summary>
    public async Task<bool> RollBackAsync(string target, string runId, CancellationToken cancellationToken)
    {
        var previous = CutOverJournalEntry.PreviousOf(target);
        if (!await server.ExistsAsync(previous, cancellationToken))
        {
            return false;
        }

        await RunAsync(CutOverJournalEntry.Begin(target, previous, keepPrevious: false, runId), cancellationToken);
        return true;
    }

    /// <summary>Finishes the target's interrupted cut-over, if the journal holds one; returns whether it did.</summary>
    public async Task<bool> RecoverAsync(string target, CancellationToken cancellationToken)
    {
        if (await server.ReadJournalAsync(target, cancellationToken) is not { } interrupted)
        {
            return false;
        }

        await RunAsync(interrupted, cancellationToken);
        return true;
    }

    /// <summary>One step, doing nothing when the state shows it already ran (the journal names a step before it runs).</summary>
    private async Task RunStepAsync(CutOverJournalEntry entry, CutOverStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case CutOverStep.DropOlderPrevious when entry.KeepPrevious:
                if (await server.ExistsAsync(entry.Aside, cancellationToken))
                {
                    await server.DropAsync(entry.Aside, cancellationToken);
                }

                break;
            case CutOverStep.EndSessions:
                if (await server.ExistsAsync(entry.Target, cancellationToken) && await server.ExistsAsync(entry.Side, cancellationToken))
                {
                    await server.EndSessionsAsync(entry.Target, cancellationToken);
                }

                break;
            case CutOverStep.RenameTargetAside:
                if (await server.ExistsAsync(entry.Target, cancellationToken) && await server.ExistsAsync(entry.Side, cancellationToken))
                {
                    await server.RenameAsync(entry.Target, entry.Aside, cancellationToken);
                }

                break;
            case CutOverStep.RenameSideIn:
                if (await server.ExistsAsync(entry.Side, cancellationToken) && !await server.ExistsAsync(entry.Target, cancellationToken))
                {
                    await server.RenameAsync(entry.Side, entry.Target, cancellationToken);
                }

                break;
            case CutOverStep.ReopenSessions:
                if (await server.ExistsAsync(entry.Target, cancellationToken))
                {
                    await server.ReopenSessionsAsync(entry.Target, cancellationToken);
                }

                if (await server.ExistsAsync(entry.Aside, cancellationToken))
                {
                    await server.ReopenSessionsAsync(entry.Aside, cancellationToken);
                }

                break;
            case CutOverStep.DropAside when !entry.KeepPrevious:
                if (await server.ExistsAsync(entry.Aside, cancellationToken))
                {
                    await server.DropAsync(entry.Aside, cancellationToken);
                }

                break;
        }
    }
}
