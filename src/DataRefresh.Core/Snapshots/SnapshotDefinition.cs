using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Snapshots;

/// <summary>
/// A job's <c>snapshot:</c>: its product is a file for one developer, written under the configured snapshots folder
/// (<see cref="SnapshotPlace"/>) in <paramref name="Format"/>, and removed by <c>serve</c> once <paramref name="Ttl"/> has
/// passed. A snapshot into a database is a job with a <c>target</c> and a <c>subset</c> instead.
/// </summary>
public sealed record SnapshotDefinition(SnapshotFormat Format, TimeSpan Ttl, SourceLocation At)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(3);
}

public enum SnapshotFormat
{
    /// <summary>One SQLite file.</summary>
    Sqlite,

    /// <summary>A folder of gzip CSV files, one per table.</summary>
    Csv,
}
