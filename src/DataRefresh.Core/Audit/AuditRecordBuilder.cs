using System.Globalization;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Audit;

/// <summary>Builds the audit record of a run from what it got to do; a run that failed early simply has fewer facts.</summary>
public static class AuditRecordBuilder
{
    public static AuditRecord Build(RunFacts facts)
    {
        var journal = facts.Progress.Journal;
        var context = facts.Context;
        var outcome = facts.ExitCode switch
        {
            ExitCodes.Success => AuditOutcome.Succeeded,
            ExitCodes.Cancelled => AuditOutcome.Cancelled,
            _ => AuditOutcome.Failed,
        };
        var tables = journal.Plan is { } plan ? ColumnDecisions.Describe(plan, journal.Tables, journal.Subset) : [];

        return new AuditRecord
        {
            // A run that failed before the runner started has no id yet: it gets one of the same shape.
            RunId = journal.RunId ?? Pipeline.RunIds.New(facts.StartedAt),
            Job = context?.Job.Name,
            JobFile = facts.JobFile,
            Outcome = outcome,
            ExitCode = facts.ExitCode,
            Error = facts.Error,
            Phase = outcome == AuditOutcome.Succeeded ? "done" : context is null ? "loading the job" : facts.Progress.Phase,
            RanBy = AuditHost.Current(),
            StartedAt = facts.StartedAt,
            EndedAt = facts.EndedAt,
            DurationSeconds = Math.Round((facts.EndedAt - facts.StartedAt).TotalSeconds, 3),
            Source = context is null ? null : AuditDatabase.Describe(context.Source, context.SourceProvider, journal.SourceIdentity),
            Target = context is null ? null : AuditDatabase.Describe(context.Target, context.TargetProvider, journal.TargetIdentity),
            SideDatabase = journal.SideDatabase,
            Guarantees = journal.Guarantees,
            LeftoversRemoved = journal.LeftoversRemoved,
            NotCopied = [.. journal.NotBuilt.Select(item => item.ToString())],
            TargetReplaced = journal.CutOver,
            RuleFiles = facts.RuleFiles,
            Snapshot = journal.Snapshot,
            Masking = journal.MaskingKeyFingerprint is { } fingerprint ? new AuditMasking(fingerprint, Masking.MaskCatalog.Version) : null,
            Tables = tables,
            RowsCopied = journal.Tables.Sum(table => table.Rows),
            LargeObjects = journal.Plan?.LargeObjects is { } largeObjects ? AuditLargeObjects.From(largeObjects) : null,
            Verification = AuditVerification.From(journal.Verification),
            AfterSteps = journal.AfterSteps.Select(AuditAfterStep.From).ToList(),
        };
    }
}
