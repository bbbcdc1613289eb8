using DataRefresh.Cli.Commands;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.History;
using Serilog;

namespace DataRefresh.Cli.Auditing;

/// <summary>
/// Keeps the audit record of a <c>run</c>. Compliance wants a record of every run, so: a run does not start when its record
/// could not be kept (exit 3, checked before any connection); a failed run's record is written and its own error stays
/// what the user sees (a record that cannot be written then is a warning); a successful run whose record cannot be
/// written ends with exit 13, saying the target was refreshed but the record is missing.
/// </summary>
internal sealed class RunRecorder(AuditTrail trail, ILogger logger)
{
    public static RunRecorder Create(CommandServices services) =>
        new(new AuditTrail(new AuditJsonLines(services.Audit.AuditFile), HistoryStores.Open(services.Audit)), services.Logger);

    public async Task EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await trail.EnsureWritableAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"cannot keep the audit record of this run in {trail.Describe()} ({exception.Message.TrimEnd('.')}); " +
                $"set {AuditSettings.AuditFileSetting} and {AuditSettings.HistoryFileSetting} to writable files " +
                $"(or {AuditSettings.HistoryConnectionSetting} to a database where it may create schema datarefresh). Nothing was run.",
                exception);
        }
    }

    /// <summary>Records a run that failed or was cancelled; never replaces the run's own error.</summary>
    public async Task RecordFailureAsync(RunFacts facts)
    {
        var problems = await trail.WriteAsync(AuditRecordBuilder.Build(facts), CancellationToken.None);
        if (problems.Count > 0)
        {
            logger.Warning("The audit record of this failed run could not be written to {Places}", string.Join(" and ", problems));
        }
    }

    /// <summary>Records a successful run; a record that cannot be written fails the command with exit 13.</summary>
    public async Task RecordSuccessAsync(RunFacts facts, string target)
    {
        var record = AuditRecordBuilder.Build(facts);
        var problems = await trail.WriteAsync(record, CancellationToken.None);
        if (problems.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.AuditNotWritten,
                $"the refresh of '{target}' succeeded (run {record.RunId}), but its audit record could not be written to {string.Join(" and ", problems)}; " +
                "fix the audit location, and keep this output as the run's record.");
        }
    }
}
