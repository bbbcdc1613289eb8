using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>Where a source sequence (or identity) stands, read inside the snapshot, so the copy's continues after the copied rows.</summary>
public sealed record SequenceState(QualifiedName Name, long LastValue);
