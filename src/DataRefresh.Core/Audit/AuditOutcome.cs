namespace DataRefresh.Core.Audit;

/// <summary>How a run ended, as the audit records it.</summary>
public enum AuditOutcome
{
    Succeeded,
    Failed,
    Cancelled,
}
