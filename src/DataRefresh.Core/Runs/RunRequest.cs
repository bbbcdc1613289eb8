using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Runs;

/// <summary>
/// A run to do: the job file, or the job already loaded (a scheduler's <c>then:</c> copy), why it runs, and its id when
/// the caller chose one (to name the run in its own messages).
/// </summary>
public sealed record RunRequest(string JobFile, JobDefinition? Job, RunOrigin Origin, string? RunId = null)
{
    /// <summary>For a snapshot job run on someone's request: who asked (recorded in the manifest and the audit).</summary>
    public string? RequestedFor { get; init; }

    /// <summary>For a snapshot job: the snapshot's id (its folder's name); null uses the run id.</summary>
    public string? SnapshotId { get; init; }
}
