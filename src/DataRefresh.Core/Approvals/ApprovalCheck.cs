using System.Globalization;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Approvals;

/// <summary>
/// <c>requireApprovedRules: true</c>: before data moves, every rule file of the job must be, byte for byte, in the version
/// a reviewer last approved for the job's source. An older approval does not count: approving a version replaces the one
/// before it.
/// </summary>
public static class ApprovalCheck
{
    /// <param name="ruleFiles">The job's rule files as the run hashed them for its audit record: the check judges exactly the bytes the record names.</param>
    public static async Task EnsureApprovedAsync(JobDefinition job, IReadOnlyList<AuditFile> ruleFiles, IRuleReviews reviews, CancellationToken cancellationToken = default)
    {
        if (job.ApprovalRequiredAt is not { } requiredAt)
        {
            return;
        }

        var approvals = await reviews.ReadApprovalsAsync(job.Source, cancellationToken);
        const string remedy = "have a reviewer approve today's rules on the console's Rule review page (or put the approved files back). Nothing was copied.";
        if (approvals.Count == 0)
        {
            throw new DataRefreshException(
                ExitCodes.RulesNotApproved,
                $"{requiredAt}: job '{job.Name}' requires approved rules, and no version of the rule files for environment '{job.Source}' has been approved yet; {remedy}");
        }

        var approved = approvals[0];
        // A file the run could not hash (Sha256 null) matches no approved version.
        var project = RuleVersion.ProjectFolderOf(job.File);
        var changed = ruleFiles
            .Select(file => (Path: RuleVersion.RelativeName(project, file.Path), file.Sha256))
            .Where(file => file.Sha256 is null || approved.Version.Find(file.Path)?.Sha256 != file.Sha256)
            .Select(file => file.Path)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (changed.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.RulesNotApproved,
                $"{requiredAt}: job '{job.Name}' requires approved rules, and {string.Join(", ", changed)} {(changed.Count == 1 ? "differs" : "differ")} from the version " +
                $"{approved.Reviewer} approved at {approved.ApprovedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)} for environment '{job.Source}'; {remedy}");
        }
    }
}
