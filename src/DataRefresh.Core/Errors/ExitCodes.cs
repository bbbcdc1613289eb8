namespace DataRefresh.Core.Errors;

/// <summary>
/// The process exit codes, one per failure class. Documented in docs/commands.md; scripts and schedulers rely on them.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int Usage = 2;
    public const int Configuration = 3;
    public const int InvalidJobOrRules = 4;
    public const int RulesDoNotMatchSchema = 5;
    public const int ProductionGuard = 6;
    public const int DatabaseUnavailable = 7;
    public const int RefreshFailed = 8;
    public const int ExternalToolFailed = 9;

    /// <summary><c>scan</c> found columns that look sensitive and that no given rule file covers.</summary>
    public const int UncoveredSensitiveColumns = 10;

    /// <summary>Verification of the side database, or an <c>after:</c> step's <c>expect:</c> check, failed; no cut-over.</summary>
    public const int VerificationFailed = 11;

    /// <summary>Another run is refreshing the same target right now.</summary>
    public const int TargetBusy = 12;

    /// <summary>The run's audit record could not be written (the run itself succeeded; compliance needs its record).</summary>
    public const int AuditNotWritten = 13;

    /// <summary><c>plan</c>: its preflight found something a run needs missing (a privilege, an unreachable target).</summary>
    public const int PreflightFailed = 14;

    /// <summary><c>audit --verify</c>: the audit records' hash chain is broken (a record was changed, removed or slipped in).</summary>
    public const int AuditChainBroken = 15;

    /// <summary><c>rollback</c>: the target has no previous copy (no run kept one with keepPrevious, or a rollback used it).</summary>
    public const int NoPreviousCopy = 16;

    /// <summary>A job with <c>requireApprovedRules: true</c> has rule files that differ from the version a reviewer last approved.</summary>
    public const int RulesNotApproved = 17;

    public const int Cancelled = 130;
}
