namespace DataRefresh.Core.Runs;

/// <summary>
/// A rollback request is a trigger request for a job whose requester reads <c>rollback by &lt;who asked&gt;</c>: the serve
/// node that claims it rolls the job's target back (<see cref="TargetRollback"/>) instead of running the job. It is how
/// the console, which holds no target credentials, asks for a rollback.
/// </summary>
public static class RollbackRequests
{
    private const string Prefix = "rollback by ";

    public static string RequestedBy(string asker) => Prefix + asker;

    public static bool IsRollback(string requestedBy) => requestedBy.StartsWith(Prefix, StringComparison.Ordinal);
}
