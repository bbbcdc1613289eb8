namespace DataRefresh.Core.History;

/// <summary>Where a run stands in the run history. <see cref="Running"/> until it ends; the others are final.</summary>
public enum RunOutcome
{
    Running,
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>Cancelled because it ran longer than the job's <c>timeout</c>.</summary>
    TimedOut,

    /// <summary>Never started: its upstream failed, its target was busy with <c>whenBusy: skip</c>, or it was disabled.</summary>
    Skipped,

    /// <summary>The node running it stopped (killed, crashed) before it ended; another node may have re-run it.</summary>
    Interrupted,
}
