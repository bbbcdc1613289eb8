using DataRefresh.Core.Approvals;

namespace DataRefresh.Core.History;

/// <summary>
/// What the console's Rule review page reads and writes: reviewers' approvals of rule files, per environment, and the
/// latest schema each environment was seen with (written by runs, which read it anyway), so the page can show the
/// coverage of today's rules without opening the source; and each environment's latest scan, whose flagged columns the
/// page puts first.
/// </summary>
public interface IRuleReviews
{
    Task SaveApprovalAsync(RuleApproval approval, CancellationToken cancellationToken = default);

    /// <summary>The environment's approvals, newest first.</summary>
    Task<IReadOnlyList<RuleApproval>> ReadApprovalsAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>Replaces what was kept of the environment's schema.</summary>
    Task SaveSourceSchemaAsync(SourceSchemaRecord record, CancellationToken cancellationToken = default);

    /// <summary>The environment's schema as last seen, or null when no run has read it.</summary>
    Task<SourceSchemaRecord?> FindSourceSchemaAsync(string environment, CancellationToken cancellationToken = default);

    /// <summary>Replaces the environment's kept scan.</summary>
    Task SaveScanAsync(ScanRecord scan, CancellationToken cancellationToken = default);

    /// <summary>The environment's latest scan, or null when none was kept.</summary>
    Task<ScanRecord?> FindScanAsync(string environment, CancellationToken cancellationToken = default);
}
