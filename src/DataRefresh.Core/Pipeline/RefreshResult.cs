using DataRefresh.Core.Verification;

namespace DataRefresh.Core.Pipeline;

/// <summary>The outcome of a successful run.</summary>
public sealed record RefreshResult(string RunId, string TargetDatabase, IReadOnlyList<TableResult> Tables, TimeSpan Duration)
{
    /// <summary>Every check made on the copy before cut-over (none failed, or there would have been no cut-over).</summary>
    public VerificationReport Verification { get; init; } = VerificationReport.Empty;

    public long TotalRows => Tables.Sum(table => table.Rows);
}
