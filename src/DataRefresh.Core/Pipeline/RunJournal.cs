using System.Collections.Concurrent;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Verification;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// What a run has done so far, filled in by the runner as phases complete. It outlives the run's exception, so the audit
/// can say how far a failed or cancelled run got: its id, its plan, the side database, the tables copied, verification and
/// after steps. Holds names and counts only, never a row value.
/// </summary>
public sealed class RunJournal
{
    private readonly ConcurrentQueue<TableResult> tables = new();
    private readonly ConcurrentQueue<AfterStepResult> afterSteps = new();

    public string? RunId { get; set; }

    public RefreshPlan? Plan { get; internal set; }

    /// <summary>The source's schema as the run's snapshot read it, once read (kept for the console's Rule review).</summary>
    public Schema.DatabaseSchema? SourceSchema { get; internal set; }

    /// <summary>The rows a subset run chose per table (counts and how), once chosen; null for a run of every row.</summary>
    public Planning.Subsets.SubsetPlan? Subset { get; internal set; }

    /// <summary>What the source's and the target's servers said they are (null: not read, or not permitted).</summary>
    public Providers.DatabaseIdentity? SourceIdentity { get; internal set; }

    public Providers.DatabaseIdentity? TargetIdentity { get; internal set; }

    /// <summary>
    /// Side databases of earlier runs of this target that were killed before they finished, dropped by this run. Their
    /// names carry those runs' ids: a killed run cannot write its own record, so this is where the audit shows it.
    /// </summary>
    public IReadOnlyList<string> LeftoversRemoved { get; internal set; } = [];

    /// <summary>What the provider guaranteed this run (consistent readers used, tables held, kind of cut-over), once known.</summary>
    public RunGuarantees? Guarantees { get; internal set; }

    /// <summary>The masking key's fingerprint (<see cref="Masking.MaskingKey.Fingerprint"/>), once the run has the key.</summary>
    public string? MaskingKeyFingerprint { get; internal set; }

    /// <summary>What of the source's schema the target could not create (another engine's functions, triggers, …).</summary>
    public IReadOnlyList<Providers.SchemaObject> NotBuilt { get; internal set; } = [];

    /// <summary>The side database the run loaded into (the target's name once cut over).</summary>
    public string? SideDatabase { get; internal set; }

    /// <summary>Tables whose copy finished, in the order they finished.</summary>
    public IReadOnlyList<TableResult> Tables => [.. tables];

    /// <summary>The verification of the side database, when that phase ran (null: it did not).</summary>
    public VerificationReport? Verification { get; set; }

    public IReadOnlyList<AfterStepResult> AfterSteps => [.. afterSteps];

    /// <summary>What a snapshot run delivered, once its files are written.</summary>
    public Audit.AuditSnapshot? Snapshot { get; set; }

    /// <summary>True once the side database was swapped in: the target holds the new copy.</summary>
    public bool CutOver { get; internal set; }

    internal void TableDone(TableResult result) => tables.Enqueue(result);

    internal void AfterStepDone(AfterStepResult result) => afterSteps.Enqueue(result);
}
