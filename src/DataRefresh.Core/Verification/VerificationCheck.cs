namespace DataRefresh.Core.Verification;

/// <summary>
/// One check on the side database before cut-over: which table (and column, for column checks), which check
/// ("row count", "foreign keys", "unique", "unchanged values", "original values", "distinct values", "after step"),
/// its outcome and a detail made of counts and names only. Never a row value: these go to logs, errors and the audit.
/// </summary>
public sealed record VerificationCheck(string Table, string? Column, string Check, CheckOutcome Outcome, string Detail)
{
    public override string ToString() =>
        $"{Table}{(Column is null ? "" : "." + Column)}: {Check} {Outcome.ToString().ToLowerInvariant()} ({Detail})";
}
