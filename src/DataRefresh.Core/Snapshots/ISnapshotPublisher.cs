namespace DataRefresh.Core.Snapshots;

/// <summary>
/// Finishes a snapshot once its run has cut over into the place's SQLite file: writes the CSV files when the job asks
/// for CSV (and removes the SQLite file), then the manifest. Implemented outside Core, where the file formats live.
/// </summary>
public interface ISnapshotPublisher
{
    Task<SnapshotManifest> PublishAsync(SnapshotPublication publication, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a finished snapshot run hands its publisher: where the file is, the job's snapshot settings and the run's facts
/// for the manifest; <paramref name="Tables"/> are the tables the run copied, under the source's names, with their rows; the snapshot is created when
/// its run started (<paramref name="CreatedAt"/>, on the run's clock) and expires its time to live later.
/// </summary>
public sealed record SnapshotPublication(
    SnapshotPlace Place,
    SnapshotDefinition Snapshot,
    Pipeline.RefreshContext Context,
    string RunId,
    IReadOnlyList<Pipeline.TableResult> Tables,
    IReadOnlyList<Audit.AuditFile> Rules,
    string MaskingKeyFingerprint,
    DateTimeOffset CreatedAt,
    string? RequestedFor);
