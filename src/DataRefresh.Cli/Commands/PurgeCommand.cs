using System.CommandLine;
using System.Globalization;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh purge [--before DATE]</c>: removes the run history and audit records of runs that ended before the date
/// (default: <c>DataRefresh:History:RetentionDays</c> ago), and records the purge itself as an audit record in the chain.
/// History is only ever removed by this command, never by a run or by <c>serve</c>.
/// </summary>
internal static class PurgeCommand
{
    public static Command Create(CliConsole console)
    {
        var before = new Option<string?>("--before") { Description = $"Remove runs that ended before this date or time (UTC unless it says otherwise); default: {AuditSettings.RetentionDaysSetting} days ago." };
        var command = new Command("purge", "Remove old run history and audit records, keeping the audit chain verifiable; the purge is itself audited.") { before };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var time = TimeProvider.System;
            var now = time.GetUtcNow();
            var cutoff = Cutoff(parseResult.GetValue(before), services.Audit.RetentionDays, now);
            if (services.HistoryToRead() is not { } store)
            {
                console.Error.WriteLine($"Nothing to purge: the history store {services.Audit.HistoryFile} does not exist.");
                return ExitCodes.Success;
            }

            var purged = await store.PurgeAsync(
                cutoff,
                purge => AuditRecord.Operation(AuditKinds.Purge, RunIds.New(now), AuditOutcome.Succeeded, ExitCodes.Success, now, time.GetUtcNow()) with { Purge = purge },
                cancellationToken);
            await console.Out.WriteLineAsync(
                $"Purged {purged.RunsRemoved} run{(purged.RunsRemoved == 1 ? "" : "s")} and {purged.AuditRecordsRemoved} audit record{(purged.AuditRecordsRemoved == 1 ? "" : "s")} " +
                $"of runs that ended before {cutoff.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC from {store.Location}; the purge is recorded in the audit chain.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static DateTimeOffset Cutoff(string? text, int? retentionDays, DateTimeOffset now)
    {
        if (text is null)
        {
            return retentionDays is { } days
                ? now.AddDays(-days)
                : throw new DataRefreshException(ExitCodes.Usage, $"purge needs to know what to keep: pass --before <date> or set {AuditSettings.RetentionDaysSetting}. Nothing was removed.");
        }

        if (!TypedInstant.TryParse(text, out var cutoff))
        {
            throw new DataRefreshException(ExitCodes.Usage, $"--before '{text}' is not a date; write e.g. --before 2026-01-01. Nothing was removed.");
        }

        return cutoff <= now
            ? cutoff
            : throw new DataRefreshException(ExitCodes.Usage, $"--before {text} is in the future: that would remove runs that have not ended yet. Nothing was removed.");
    }
}
