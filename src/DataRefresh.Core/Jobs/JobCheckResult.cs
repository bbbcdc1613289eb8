namespace DataRefresh.Core.Jobs;

/// <summary>
/// One job file as <c>datarefresh jobs</c> sees it: the job when its file loaded (null otherwise), its next firing in the
/// job's time zone, and every problem found, each starting with file:line:column where the file says where. The file's
/// <c>then:</c> copies are <c>Job.Then</c> (all levels: <see cref="JobDefinition.Downstream"/>); their problems are listed here.
/// </summary>
public sealed record JobCheckResult(string File, string Name, JobDefinition? Job, DateTimeOffset? NextFire, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
