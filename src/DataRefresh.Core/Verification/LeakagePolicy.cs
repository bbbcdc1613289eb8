namespace DataRefresh.Core.Verification;

/// <summary>What a leakage finding (unchanged or original values) does: stop the cut-over, or only warn.</summary>
public enum LeakagePolicy
{
    Fail,
    Warn,
}
