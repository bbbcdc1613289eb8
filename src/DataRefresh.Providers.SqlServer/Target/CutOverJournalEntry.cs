namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// One cut-over in progress as the target server's journal holds it: which side database replaces which target, where
/// the old copy goes, and the step about to run (or running when the run was killed). Names only, never data.
/// </summary>
internal sealed record CutOverJournalEntry(string Target, string Side, string Aside, bool KeepPrevious, string RunId, CutOverStep Step)
{
    /// <summary>The name the old copy keeps with keepPrevious.</summary>
    public static string PreviousOf(string target) => target + "__previous";

    /// <summary>A cut-over of <paramref name="side"/> into <paramref name="target"/> by run <paramref name="runId"/>, not begun yet.</summary>
    public static CutOverJournalEntry Begin(string target, string side, bool keepPrevious, string runId) =>
        new(target, side, keepPrevious ? PreviousOf(target) : $"{target}__old_{runId}", keepPrevious, runId, CutOverStep.DropOlderPrevious);
}
