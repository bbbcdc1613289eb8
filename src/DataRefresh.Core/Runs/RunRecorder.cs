using DataRefresh.Core.Approvals;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using Serilog;

namespace DataRefresh.Core.Runs;

/// <summary>
/// Keeps the records of a run: its audit record (compliance) and its row in the run history (operations).
/// Compliance wants a record of every run, so: a run does not start when its record could not be kept (exit 3, checked
/// before any connection); a failed run's record is written and its own error stays what the user sees (a record that
/// cannot be written then is a warning); a successful run whose audit record cannot be written ends with exit 13,
/// saying the target was refreshed but the record is missing. The history row is written when the run starts, so a run
/// whose process is killed is still listed; a history row that cannot be completed is a warning.
/// </summary>
/// <remarks>The host opens the store the settings name; Core knows no database driver.</remarks>
/// <param name="notifier">Tells the configured webhooks how each run ended (after its records are kept); null: none.</param>
public sealed class RunRecorder(AuditTrail trail, IHistoryStore history, ILogger logger, Notifications.RunNotifier? notifier = null)
{
    /// <summary>The store the run's history row goes to; runs also read approvals from it and keep their source's schema there.</summary>
    public IHistoryStore History => history;

    public async Task EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await trail.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw CannotKeepRecords(exception);
        }
    }

    /// <summary>The run's history row, before it does anything; a run that cannot be listed does not start.</summary>
    public async Task RecordStartAsync(RunStart start, CancellationToken cancellationToken = default)
    {
        try
        {
            await history.StartRunAsync(start, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw CannotKeepRecords(exception);
        }
    }

    /// <summary>Records a run that failed or was cancelled; never replaces the run's own error.</summary>
    /// <remarks>Pass <see cref="CancellationToken.None"/> for a cancelled run: its record must still be written.</remarks>
    public async Task RecordFailureAsync(RunFacts facts, RunOutcome outcome, CancellationToken cancellationToken = default)
    {
        var record = AuditRecordBuilder.Build(facts);
        var problems = await trail.WriteAsync(record, cancellationToken);
        if (problems.Count > 0)
        {
            logger.Warning("The audit record of this failed run could not be written to {Places}", string.Join(" and ", problems));
        }

        await RecordEndAsync(facts, record, outcome, cancellationToken);
        await NotifyAsync(record, cancellationToken);
    }

    /// <summary>Records a successful run; an audit record that cannot be written fails the run with exit 13.</summary>
    public async Task RecordSuccessAsync(RunFacts facts, string target, CancellationToken cancellationToken = default)
    {
        var record = AuditRecordBuilder.Build(facts);
        var problems = await trail.WriteAsync(record, cancellationToken);
        await RecordEndAsync(facts, record, RunOutcome.Succeeded, cancellationToken);
        await NotifyAsync(record, cancellationToken);
        if (problems.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.AuditNotWritten,
                $"the refresh of '{target}' succeeded (run {record.RunId}), but its audit record could not be written to {string.Join(" and ", problems)}; " +
                "fix the audit location, and keep this output as the run's record.");
        }
    }

    private async Task RecordEndAsync(RunFacts facts, AuditRecord record, RunOutcome outcome, CancellationToken cancellationToken)
    {
        await KeepSourceSchemaAsync(facts, cancellationToken);
        var tables = record.Tables.Where(table => table.RowsCopied is not null).Select(table => new TableRows(table.Table, table.RowsCopied!.Value)).ToList();
        try
        {
            await history.FinishRunAsync(
                new RunEnd(record.RunId, outcome, record.EndedAt, record.ExitCode, record.Error, tables) { BytesCopied = facts.Progress.BytesCopied }, cancellationToken);
        }
        catch (Exception exception)
        {
            logger.Warning("The run history row of run {RunId} could not be completed in {Store} ({Error})", record.RunId, history.Location, exception.GetType().Name);
        }
    }

    private async Task NotifyAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        if (notifier is not null)
        {
            await notifier.NotifyAsync(record, cancellationToken);
        }
    }

    /// <summary>The schema the run read, for the console's Rule review (which never opens the source); a warning when it cannot be kept.</summary>
    private async Task KeepSourceSchemaAsync(RunFacts facts, CancellationToken cancellationToken)
    {
        if (facts.Context is not { } context || facts.Progress.Journal.SourceSchema is not { } schema)
        {
            return;
        }

        try
        {
            await history.SaveSourceSchemaAsync(new SourceSchemaRecord(context.Source.Name, facts.StartedAt, facts.Progress.Journal.RunId!, schema), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.Warning("The schema of {Environment} could not be kept in {Store} for rule review ({Error})", context.Source.Name, history.Location, exception.GetType().Name);
        }
    }

    private DataRefreshException CannotKeepRecords(Exception exception) => new(
        ExitCodes.Configuration,
        $"cannot keep the records of this run in {trail.Describe()} ({exception.Message.TrimEnd('.')}); " +
        $"set {AuditSettings.AuditFileSetting} and {AuditSettings.HistoryFileSetting} to writable files " +
        $"(or {AuditSettings.HistoryConnectionSetting} to a database where it may create schema datarefresh). Nothing was run.",
        exception);
}
