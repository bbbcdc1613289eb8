namespace DataRefresh.Core.Audit;

/// <summary>
/// The record of one run, succeeded, failed or cancelled, for compliance: what ran (job, rule files with their SHA-256),
/// who and where, against what (source and target without secrets), what was decided for every copied column, how many
/// rows each table got, what verification and the after steps found, and how it ended. It holds names, hashes and counts,
/// never a row value, a password or the masking key. <see cref="Error"/> is the sentence the run printed, already sanitized.
/// </summary>
public sealed record AuditRecord
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>What the record is of: a run (<see cref="AuditKinds.Run"/>), a rollback of a target (<see cref="AuditKinds.Rollback"/>) or an operation on the history itself (<see cref="AuditKinds.Purge"/>).</summary>
    public string Kind { get; init; } = AuditKinds.Run;

    /// <summary>
    /// SHA-256 (hex) of the stored JSON of the record before this one in the history store, or the chain's anchor for the
    /// first: the chain <c>datarefresh audit --verify</c> checks (see <see cref="AuditChain"/>). Null on a record the store
    /// did not take (written to the JSON-lines file only) and on records from before the chain.
    /// </summary>
    public string? PreviousRecordHash { get; init; }

    public required string RunId { get; init; }

    public string? Job { get; init; }

    public required string JobFile { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public required int ExitCode { get; init; }

    public string? Error { get; init; }

    /// <summary>The phase the run was in when it ended ("data", "after steps", …); "done" after a success.</summary>
    public string? Phase { get; init; }

    public required AuditHost RanBy { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>Who asked, when not the command line: a rollback a serve node made for a request ("request 12 by rollback by console:dana").</summary>
    public string? Trigger { get; init; }

    public AuditDatabase? Source { get; init; }

    public AuditDatabase? Target { get; init; }

    /// <summary>The side database the run loaded into.</summary>
    public string? SideDatabase { get; init; }

    /// <summary>Side databases of earlier, killed runs of this target that this run dropped (their names hold the run ids).</summary>
    public IReadOnlyList<string> LeftoversRemoved { get; init; } = [];

    /// <summary>What the provider guaranteed the run: consistent readers, tables held, atomic or sequential cut-over (null: the run ended before it knew).</summary>
    public Pipeline.RunGuarantees? Guarantees { get; init; }

    /// <summary>What of the source's schema the target could not create, by kind and name (another engine's functions, triggers, …).</summary>
    public IReadOnlyList<string> NotCopied { get; init; } = [];

    /// <summary>Whether the target now holds this run's copy (cut-over happened).</summary>
    public bool TargetReplaced { get; init; }

    public IReadOnlyList<AuditFile> RuleFiles { get; init; } = [];

    /// <summary>Which masking made this copy: the key's fingerprint and the mask catalogue's version (null: the run never had the key).</summary>
    public AuditMasking? Masking { get; init; }

    public IReadOnlyList<AuditTable> Tables { get; init; } = [];

    public long RowsCopied { get; init; }

    /// <summary>The source's large objects and what was decided for them (null: it has none, or the run ended before planning).</summary>
    public AuditLargeObjects? LargeObjects { get; init; }

    public AuditVerification Verification { get; init; } = AuditVerification.From(null);

    public IReadOnlyList<AuditAfterStep> AfterSteps { get; init; } = [];

    /// <summary>For a snapshot job: who it was for, where it was written, in which form, until when (null: not a snapshot, or not written).</summary>
    public AuditSnapshot? Snapshot { get; init; }

    /// <summary>For a purge: what it removed (null otherwise).</summary>
    public AuditPurge? Purge { get; init; }

    /// <summary>
    /// The record of an operation that is not a run of a job — a purge, a rollback, an approval — by this host, with no job
    /// file; the caller adds what the operation did.
    /// </summary>
    public static AuditRecord Operation(string kind, string runId, AuditOutcome outcome, int exitCode, DateTimeOffset startedAt, DateTimeOffset endedAt) => new()
    {
        Kind = kind,
        RunId = runId,
        JobFile = "",
        Outcome = outcome,
        ExitCode = exitCode,
        RanBy = AuditHost.Current(),
        StartedAt = startedAt,
        EndedAt = endedAt,
    };

    /// <summary>For an approval of rule files (<see cref="RuleFiles"/> are the files approved): for which environment, by whom and why (null otherwise).</summary>
    public AuditApproval? Approval { get; init; }
}

/// <summary>The kinds of audit record.</summary>
public static class AuditKinds
{
    public const string Run = "run";

    public const string Purge = "purge";

    /// <summary><c>datarefresh rollback</c>: the target's previous copy was put back (<see cref="AuditRecord.Target"/>, <see cref="AuditRecord.TargetReplaced"/>).</summary>
    public const string Rollback = "rollback";

    /// <summary>A reviewer approved the rule files of an environment on the console (<see cref="AuditRecord.Approval"/>).</summary>
    public const string Approval = "approval";
}

/// <summary>A sign-off: the environment whose rules were approved, the reviewer, their comment, and the version's digest.</summary>
public sealed record AuditApproval(string Environment, string Reviewer, string Comment, string Digest);

/// <summary>What <c>datarefresh history purge</c> removed: runs and audit records that ended before <paramref name="Before"/>.</summary>
public sealed record AuditPurge(DateTimeOffset Before, int RunsRemoved, int AuditRecordsRemoved);

/// <summary>What a snapshot run delivered: its folder, its kind (sqlite, csv), whom it was requested for and when it expires.</summary>
public sealed record AuditSnapshot(string Folder, string Kind, string? RequestedFor, DateTimeOffset ExpiresAt);
