namespace DataRefresh.Core.Jobs;

/// <summary>What a scheduler does with a firing it missed (the host was down at 02:00).</summary>
public enum MisfirePolicy
{
    /// <summary>Wait for the next firing: a refresh missed at 02:00 must not overwrite testers' data at 10:00.</summary>
    Skip,

    /// <summary>Run once as soon as possible, however many firings were missed.</summary>
    RunOnce,
}
