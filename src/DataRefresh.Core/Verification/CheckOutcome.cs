namespace DataRefresh.Core.Verification;

/// <summary>How one verification check ended. Warnings are reported and audited but do not stop the cut-over.</summary>
public enum CheckOutcome
{
    Passed,
    Warning,
    Failed,
}
