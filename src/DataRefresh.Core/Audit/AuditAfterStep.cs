using DataRefresh.Core.Pipeline;

namespace DataRefresh.Core.Audit;

/// <summary>An after step as the audit keeps it: the SQL file and its hash, how it ended, and rows per expect query (counts only).</summary>
public sealed record AuditAfterStep(string SqlFile, string Sha256, bool Passed, double DurationSeconds, IReadOnlyList<ExpectResult> Expectations, string? Error)
{
    public static AuditAfterStep From(AfterStepResult result) =>
        new(result.SqlFile, result.Sha256, result.Passed, Math.Round(result.Duration.TotalSeconds, 3), result.Expectations, result.Error);
}
