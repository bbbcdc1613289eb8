using System.Globalization;
using DataRefresh.Core.History;

namespace DataRefresh.Web.Views;

/// <summary>Counts in words for the pages: a running run's progress, and sizes.</summary>
public static class ProgressText
{
    /// <summary>"data: 2 of 5 tables, 12,345 rows of about 50,000, 1.2 MB (3 s ago)".</summary>
    public static string Describe(RunProgressReport progress, DateTimeOffset now)
    {
        var estimate = progress.EstimatedRows > 0 ? $" of about {progress.EstimatedRows.ToString("N0", CultureInfo.InvariantCulture)}" : "";
        var age = Math.Max(0, (now - progress.At).TotalSeconds);
        return $"{progress.Phase}: {progress.TablesDone} of {progress.TablesTotal} tables, {progress.RowsCopied.ToString("N0", CultureInfo.InvariantCulture)} rows{estimate}, " +
            $"{Size(progress.BytesCopied)} ({age.ToString("F0", CultureInfo.InvariantCulture)} s ago)";
    }

    public static string Size(long bytes) =>
        bytes < 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MB");
}
