using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Runs;

/// <summary>
/// A run to do: the job file, or the job already loaded (a scheduler's <c>then:</c> copy), why it runs, and its id when
/// the caller chose one (to name the run in its own messages).
/// </summary>
public sealed record RunRequest(string JobFile, JobDefinition? Job, RunOrigin Origin, string? RunId = null);
