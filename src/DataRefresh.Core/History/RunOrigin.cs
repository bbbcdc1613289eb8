namespace DataRefresh.Core.History;

/// <summary>
/// Why and where a run happens, for the run history: the trigger in words, the node (process) running it, and the
/// firing it belongs to when a schedule fired it.
/// </summary>
public sealed record RunOrigin(string Trigger, string Node, DateTimeOffset? ScheduledFor = null)
{
    /// <summary>A run started by hand with <c>datarefresh run</c>.</summary>
    public static RunOrigin RunCommand() => new($"run command by {Environment.UserName}", Environment.MachineName);
}
