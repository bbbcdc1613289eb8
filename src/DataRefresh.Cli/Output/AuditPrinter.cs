using System.Globalization;
using DataRefresh.Core.Audit;

namespace DataRefresh.Cli.Output;

/// <summary>One audit record as a block of text for people: outcome, who and where, what ran against what, and what it found.</summary>
internal static class AuditPrinter
{
    public static void Print(AuditRecord record, TextWriter output)
    {
        var when = HistoryPrinter.Time(record.StartedAt);
        if (record.Purge is { } purge)
        {
            output.WriteLine($"{when}  purge  run {record.RunId}");
            output.WriteLine($"  by {By(record.RanBy)}: " +
                $"removed {purge.RunsRemoved} runs and {purge.AuditRecordsRemoved} audit records of runs that ended before {HistoryPrinter.Time(purge.Before)}");
            return;
        }

        if (record.Approval is { } approval)
        {
            output.WriteLine($"{when}  approval  rules for {approval.Environment}  run {record.RunId}");
            output.WriteLine($"  by {approval.Reviewer} on {By(record.RanBy)}: \"{approval.Comment}\"");
            foreach (var file in record.RuleFiles)
            {
                output.WriteLine($"  {file.Path}  sha256 {file.Sha256}");
            }

            return;
        }

        if (record.Kind == AuditKinds.Rollback)
        {
            output.WriteLine($"{when}  rollback {record.Outcome.ToString().ToLowerInvariant()} (exit {record.ExitCode})  target {record.Target?.Environment} ({record.Target?.Provider}, {record.Target?.Database})  run {record.RunId}");
            output.WriteLine($"  by {By(record.RanBy)}: " +
                (record.TargetReplaced ? "the previous copy is back in place" : "the target was not changed"));
            if (record.Error is { } rollbackError)
            {
                output.WriteLine($"  error: {rollbackError}");
            }

            return;
        }

        output.WriteLine($"{when}  {record.Outcome.ToString().ToLowerInvariant()} (exit {record.ExitCode})  job {record.Job ?? "?"} ({record.JobFile})  run {record.RunId}");
        output.WriteLine($"  by {By(record.RanBy)}, {record.DurationSeconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        if (record.Source is { } source && record.Target is { } target)
        {
            output.WriteLine($"  {source.Environment} ({source.Provider}, {source.Database}) -> {target.Environment} ({target.Provider}, {target.Database}){(record.TargetReplaced ? ", target replaced" : ", target unchanged")}");
        }

        if (record.Tables.Count > 0)
        {
            var columns = record.Tables.SelectMany(table => table.Columns).ToList();
            output.WriteLine($"  rows: {record.RowsCopied.ToString("N0", CultureInfo.InvariantCulture)} in {record.Tables.Count(table => table.RowsCopied > 0)} of {record.Tables.Count} tables; " +
                $"columns: {columns.Count(column => column.Decision is "masked" or "inherited")} masked, {columns.Count(column => column.Decision == "keep")} kept, " +
                $"{columns.Count(column => column.Decision == "unlisted")} unlisted, {columns.Count(column => column.Decision == "generated")} generated");
            foreach (var table in record.Tables.Where(table => table.Subset is not null))
            {
                output.WriteLine($"  subset {table.Table}: {(table.RowsCopied ?? 0).ToString("N0", CultureInfo.InvariantCulture)} rows ({table.Subset})");
            }
        }

        if (record.Snapshot is { } snapshot)
        {
            output.WriteLine($"  snapshot ({snapshot.Kind}) for {snapshot.RequestedFor ?? "whoever ran it"}: {snapshot.Folder}, expires {snapshot.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        }

        var verification = record.Verification;
        output.WriteLine(verification.Ran
            ? $"  verification: {(verification.Passed ? "passed" : "failed")}, {verification.Checks.Count} checks, {verification.Checks.Count(check => check.Outcome == Core.Verification.CheckOutcome.Warning)} warnings"
            : "  verification: not run");
        foreach (var step in record.AfterSteps)
        {
            var rows = string.Join(", ", step.Expectations.Select(expect => $"{expect.Rows} rows"));
            output.WriteLine($"  after step {step.SqlFile} sha256 {step.Sha256}: {(step.Passed ? "passed" : "failed")}{(rows.Length > 0 ? $" (expect: {rows})" : "")}");
        }

        foreach (var file in record.RuleFiles)
        {
            output.WriteLine($"  rules {file.Path} sha256 {file.Sha256 ?? "(unreadable)"}");
        }

        if (record.Guarantees is { } guarantees)
        {
            output.WriteLine($"  {guarantees.ConsistentReaders} readers on one consistent snapshot, source tables {(guarantees.TablesHeld ? "held" : "not held")}, {guarantees.CutOver.ToString().ToLowerInvariant()} cut-over");
            if (guarantees.Consistency is { } consistency)
            {
                output.WriteLine($"  source consistency: {consistency}");
            }

            if (guarantees.Unverified is { } unverified)
            {
                output.WriteLine($"  UNVERIFIED provider: {unverified}");
            }
        }

        if (record.Masking is { } masking)
        {
            output.WriteLine($"  masked under key {masking.KeyFingerprint}, mask catalogue version {masking.CatalogVersion}");
        }

        foreach (var item in record.NotCopied)
        {
            output.WriteLine($"  not copied: {item} (the target's engine cannot hold it)");
        }

        foreach (var leftover in record.LeftoversRemoved)
        {
            output.WriteLine($"  dropped {leftover}, left by an earlier run that was killed before it finished");
        }

        if (record.Error is { } error)
        {
            output.WriteLine($"  error ({record.Phase}): {error}");
        }

        output.WriteLine();
    }

    private static string By(AuditHost host) => $"{host.User} on {host.Machine} (pid {host.ProcessId}, datarefresh {host.ToolVersion})";
}
