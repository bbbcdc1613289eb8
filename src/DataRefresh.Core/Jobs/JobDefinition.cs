using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// A refresh job as written in <c>jobs/*.yaml</c>, or a copy listed under a job's <c>then:</c> (<see cref="Upstream"/>
/// set; <see cref="File"/> is the file it is written in). Rule paths are already resolved against the job file's folder.
/// <paramref name="KeepOwnership"/> restores owners and grants as in the source (the roles must exist on the target).
/// <paramref name="KeepPrevious"/> keeps the replaced copy as <c>&lt;target&gt;__previous</c> instead of dropping it.
/// </summary>
public sealed record JobDefinition(
    string Name,
    string File,
    string Source,
    SourceLocation SourceAt,
    string Target,
    SourceLocation TargetAt,
    IReadOnlyList<string> RuleFiles,
    int Parallelism,
    int BatchSize,
    bool KeepOwnership,
    bool KeepPrevious = false)
{
    /// <summary>Thresholds of the checks before cut-over (<c>verify:</c>).</summary>
    public Verification.VerificationSettings Verify { get; init; } = Verification.VerificationSettings.Default;

    public const int DefaultParallelism = 4;
    public const int DefaultBatchSize = 10_000;

    /// <summary>SQL files run on the side database after the load and before cut-over (<c>after:</c>), in order.</summary>
    public IReadOnlyList<AfterStep> After { get; init; } = [];

    /// <summary>When a scheduler runs the job (<c>schedule</c>, <c>timeZone</c>, <c>misfire</c>); null: only run by hand.</summary>
    public JobSchedule? Schedule { get; init; }

    /// <summary><c>enabled: false</c> keeps a scheduled job's file valid while the scheduler leaves it alone.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How often a scheduler retries a run that failed on a transient error (<c>retries</c>, 0–10).</summary>
    public int Retries { get; init; }

    /// <summary>How long a scheduled run may take before it is cancelled (<c>timeout</c>); null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>What a scheduled run does when another run is writing the same target (<c>whenBusy</c>).</summary>
    public BusyPolicy WhenBusy { get; init; }

    /// <summary>Where the name is written, or where the job starts when its name is the default.</summary>
    public SourceLocation NameAt { get; init; } = new(File, 1, 1);

    /// <summary>Which rows are copied when not all of them (<c>subset:</c>): roots and their referential closure; null copies every row.</summary>
    public Planning.Subsets.SubsetDefinition? Subset { get; init; }

    /// <summary>A snapshot job's product (<c>snapshot:</c>): a file under the snapshots folder instead of an environment; null for a refresh.</summary>
    public Snapshots.SnapshotDefinition? Snapshot { get; init; }

    /// <summary>
    /// Where <c>requireApprovedRules: true</c> is written: the job's rule files must be the version a reviewer last approved
    /// for its source, or the run stops before data moves (<see cref="Approvals.ApprovalCheck"/>); null when not required.
    /// </summary>
    public SourceLocation? ApprovalRequiredAt { get; init; }

    /// <summary>The job whose target this copy reads, run first; null for the job a file describes at its top.</summary>
    public string? Upstream { get; init; }

    /// <summary>Copies made from this job's target after it succeeded (<c>then:</c>), in file order; each may list more.</summary>
    public IReadOnlyList<JobDefinition> Then { get; init; } = [];

    /// <summary>
    /// What happens to columns no rule file mentions when no rule file says (<c>unlisted:</c>). A copy reads a database
    /// that is already masked, so by default it copies such columns as they are; a job reading the original must fail.
    /// </summary>
    public UnlistedPolicy UnlistedDefault => Upstream is null ? UnlistedPolicy.Fail : UnlistedPolicy.Keep;

    /// <summary>Every copy below this job, depth first in file order.</summary>
    public IEnumerable<JobDefinition> Downstream() => Then.SelectMany(copy => copy.Downstream().Prepend(copy));
}
