using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Notifications;

/// <summary>
/// What a webhook may be told about (<c>On</c>): a run failed, its verification failed, it succeeded, a snapshot is ready,
/// or a check ahead of a firing found what would stop that run (<c>drift</c>, sent by a serve node, not by a run).
/// </summary>
public static class WebhookEvents
{
    public const string Failure = "failure";
    public const string VerificationFailure = "verification-failure";
    public const string Success = "success";
    public const string SnapshotReady = "snapshot-ready";
    public const string Drift = "drift";

    public static readonly IReadOnlyList<string> All = [Failure, VerificationFailure, Success, SnapshotReady, Drift];

    /// <summary>The events a run's record is: a failed verification is not also a failure, so a hook on both hears it once.</summary>
    public static IReadOnlyList<string> Of(AuditRecord record) => record.Outcome switch
    {
        AuditOutcome.Succeeded when record.Snapshot is not null => [Success, SnapshotReady],
        AuditOutcome.Succeeded => [Success],
        _ when record.ExitCode == ExitCodes.VerificationFailed => [VerificationFailure],
        _ => [Failure],
    };
}
