namespace DataRefresh.Core.Jobs;

/// <summary>What a scheduled run does when another run is writing its target (<c>whenBusy</c>).</summary>
public enum BusyPolicy
{
    /// <summary>Wait until the target is free (within the job's <c>timeout</c>), then run. The default.</summary>
    Wait,

    /// <summary>Do not run this time; the history lists the firing as skipped.</summary>
    Skip,
}
