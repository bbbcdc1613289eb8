namespace DataRefresh.Core.Snapshots;

/// <summary>
/// A snapshot request is a trigger request for a snapshot job whose requester reads <c>snapshot for &lt;name&gt; by
/// &lt;who asked&gt;</c>: serve claims it like any trigger request (atomically, once per cluster), and the run takes the
/// name from the trigger text it carries into the manifest and the audit record.
/// </summary>
public static class SnapshotRequests
{
    private const string Prefix = "snapshot for ";
    private const string By = " by ";

    public static string RequestedBy(string forName, string asker) => $"{Prefix}{forName}{By}{asker}";

    /// <summary>The name a request was made for, found in the trigger text of the run it started; null for other runs.</summary>
    public static string? ForWhom(string trigger)
    {
        var start = trigger.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Prefix.Length;
        var end = trigger.IndexOf(By, start, StringComparison.Ordinal);
        return end > start ? trigger[start..end] : null;
    }

    /// <summary>A name for <c>--for</c>: a person or team as the history shows it, without the separator the text relies on.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && !name.Contains(By, StringComparison.Ordinal) && name.All(character => !char.IsControl(character));
}
