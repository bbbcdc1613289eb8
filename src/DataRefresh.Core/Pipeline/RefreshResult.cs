using DataRefresh.Core.Verification;

namespace DataRefresh.Core.Pipeline;

/// <summary>The outcome of a successful run.</summary>
public sealed record RefreshResult(string RunId, string TargetDatabase, IReadOnlyList<TableResult> Tables, TimeSpan Duration)
{
    /// <summary>Every check made on the copy before cut-over (none failed, or there would have been no cut-over).</summary>
    public VerificationReport Verification { get; init; } = VerificationReport.Empty;

    /// <summary>For a snapshot job: the manifest of the snapshot it wrote (its folder is <see cref="SnapshotFolder"/>).</summary>
    public Snapshots.SnapshotManifest? Snapshot { get; init; }

    public string? SnapshotFolder { get; init; }

    public long TotalRows => Tables.Sum(table => table.Rows);
}
