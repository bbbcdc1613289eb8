using DataRefresh.Core.Verification;

namespace DataRefresh.Core.Audit;

/// <summary>The verification of the side database as the audit keeps it; <paramref name="Ran"/> is false when the run ended before it.</summary>
public sealed record AuditVerification(bool Ran, bool Passed, IReadOnlyList<VerificationCheck> Checks)
{
    public static AuditVerification From(VerificationReport? report) =>
        report is null ? new AuditVerification(false, false, []) : new AuditVerification(true, report.Passed, report.Checks);
}
