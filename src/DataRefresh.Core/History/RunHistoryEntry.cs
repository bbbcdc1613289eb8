namespace DataRefresh.Core.History;

/// <summary>One run as the history keeps it; the end fields are null while it runs.</summary>
public sealed record RunHistoryEntry(
    string RunId,
    string Job,
    string Trigger,
    string Node,
    DateTimeOffset StartedAt,
    DateTimeOffset? ScheduledFor,
    string? Target,
    RunOutcome Outcome,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    string? Error,
    IReadOnlyList<TableRows> Tables)
{
    public long TotalRows => Tables.Sum(table => table.Rows);

    /// <summary>While it runs: how far it is, as it last wrote (null before its first report, and once it ended).</summary>
    public RunProgressReport? Progress { get; init; }

    /// <summary>Once ended: the bytes it copied (see <see cref="RunEnd.BytesCopied"/>); null for runs recorded before bytes were.</summary>
    public long? BytesCopied { get; init; }
}

/// <summary>Which runs to read: of one job or all, of one outcome or all, started at or after <paramref name="Since"/>, the one run <paramref name="RunId"/>; newest first, at most <paramref name="Limit"/>.</summary>
public sealed record RunQuery(string? Job = null, int Limit = 50, RunOutcome? Outcome = null, DateTimeOffset? Since = null, string? RunId = null);

/// <summary>How many runs of a job ended how (by outcome and exit code), and when the last of them ended (null while running).</summary>
public sealed record RunSummary(string Job, RunOutcome Outcome, int? ExitCode, long Runs, DateTimeOffset? LastEndedAt);

/// <summary>A scheduler process as it last reported itself alive.</summary>
public sealed record SchedulerNode(string Node, DateTimeOffset StartedAt, DateTimeOffset LastSeen, string Version);

/// <summary>
/// A request (<c>datarefresh trigger</c>, <c>snapshot request</c>, the console) for the running scheduler to run a job now;
/// <paramref name="ClaimedBy"/> and <paramref name="ClaimedAt"/> say which node took it, once one has.
/// </summary>
public sealed record TriggerRequest(long Id, string Job, string RequestedBy, DateTimeOffset RequestedAt, string? ClaimedBy = null, DateTimeOffset? ClaimedAt = null)
{
    private const string Prefix = "request ";

    /// <summary>Why the run it starts runs, as the run's history shows it: "request 12 by ann@ops1".</summary>
    public string RunReason => $"{Prefix}{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} by {RequestedBy}";

    /// <summary>The id of the request a run's trigger text (<see cref="RunReason"/>) names; null for runs no request started.</summary>
    public static long? IdIn(string trigger)
    {
        if (!trigger.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = trigger.IndexOf(' ', Prefix.Length);
        return end > Prefix.Length && long.TryParse(trigger.AsSpan(Prefix.Length, end - Prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }
}
