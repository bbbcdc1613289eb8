using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Core.Approvals;

/// <summary>
/// A reviewer approving the rule files of an environment, for every host (the console's page and its API): the
/// approval is kept with every file's text and hash, and written to the audit as a record of kind <c>approval</c>.
/// </summary>
public sealed class RuleApprovals(IRuleReviews reviews, AuditTrail trail, TimeProvider time)
{
    /// <summary>Keeps the approval and its audit record; an approval whose record cannot be written is exit 13, since compliance needs both.</summary>
    public async Task<RuleApproval> ApproveAsync(string environment, RuleVersion version, string reviewer, string comment, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var approval = new RuleApproval(RunIds.New(now), environment, version, reviewer, comment.Trim(), now);
        await reviews.SaveApprovalAsync(approval, cancellationToken);
        var record = AuditRecord.Operation(AuditKinds.Approval, approval.Id, AuditOutcome.Succeeded, ExitCodes.Success, now, now) with
        {
            RuleFiles = [.. version.Files.Select(file => new AuditFile(file.Path, file.Sha256))],
            Approval = new AuditApproval(environment, reviewer, approval.Comment, version.Digest),
        };
        var problems = await trail.WriteAsync(record, cancellationToken);
        if (problems.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.AuditNotWritten,
                $"the approval of the rules for '{environment}' was kept, but its audit record could not be written to {string.Join(" and ", problems)}; fix the audit location.");
        }

        return approval;
    }
}
