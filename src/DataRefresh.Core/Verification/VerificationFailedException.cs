using System.Globalization;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Verification;

/// <summary>
/// Verification found a failed check: no cut-over. The message names the first failed check (table, column, check and
/// counts, never a value); <see cref="Report"/> holds every check, for the audit record.
/// </summary>
public sealed class VerificationFailedException(VerificationReport report)
    : DataRefreshException(ExitCodes.VerificationFailed, Describe(report))
{
    public VerificationReport Report { get; } = report;

    private static string Describe(VerificationReport report)
    {
        var failures = report.Failures.ToList();
        var first = failures[0];
        var where = first.Column is null ? first.Table : $"{first.Table}.{first.Column}";
        var more = failures.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({failures.Count - 1} more failed checks are in the log)") : "";
        return $"verification failed for {where}: {first.Check} ({first.Detail}){more}; the copy was not swapped in and the target was not changed — fix the rule or the data and run again.";
    }
}
