using System.Globalization;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Cli.Output;

/// <summary>Prints what a finished run did, table by table, on standard output.</summary>
internal static class RunSummary
{
    public static void Print(RefreshResult result, RefreshContext context, TextWriter output)
    {
        var seconds = Math.Max(result.Duration.TotalSeconds, 0.001);
        output.WriteLine($"Refreshed '{context.Target.Name}' from '{context.Source.Name}' (run {result.RunId}): " +
            $"{result.Tables.Count} tables, {result.TotalRows.ToString("N0", CultureInfo.InvariantCulture)} rows in {seconds:F1} s " +
            $"({(result.TotalRows / seconds).ToString("N0", CultureInfo.InvariantCulture)} rows/s).");
        foreach (var table in result.Tables)
        {
            output.WriteLine($"  {table.Table,-40} {table.Rows.ToString("N0", CultureInfo.InvariantCulture),12} rows  {table.Mode,-10}  {table.Duration.TotalSeconds,6:F1} s");
        }

        if (result.Snapshot is { } snapshot)
        {
            output.WriteLine($"Snapshot written to {result.SnapshotFolder} ({snapshot.Kind}, {snapshot.Files.Count} file(s) and manifest.json, readable by you only); it expires at {snapshot.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        }

        var checks = result.Verification.Checks;
        output.WriteLine($"Verified before cut-over: {checks.Count} checks, {result.Verification.Warnings.Count()} warnings.");
        foreach (var check in checks)
        {
            output.WriteLine($"  {check}");
        }
    }
}
