using System.Security.Claims;
using DataRefresh.Core.Approvals;
using DataRefresh.Core.Errors;
using DataRefresh.Web.Hosting;

namespace DataRefresh.Web.Views;

/// <summary>A reviewer approving an environment's rule files, for the Rule review page and the API alike.</summary>
public static class ApprovalActions
{
    /// <summary>
    /// The approval, or a sentence saying why not. <paramref name="digest"/> is the version the reviewer was shown
    /// (<see cref="RuleVersion.Digest"/>): files that changed since are not approved unseen.
    /// </summary>
    public static async Task<(RuleApproval? Approval, string? Problem)> ApproveAsync(
        ConsoleContext context, string environment, string? digest, string? comment, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return (null, "write a comment with the approval: what was reviewed, and why these rules may run.");
        }

        if (comment.Length > RuleApproval.MaxCommentLength)
        {
            return (null, $"the comment is {comment.Length} characters long; keep it under {RuleApproval.MaxCommentLength}.");
        }

        var view = await RuleReviewView.LoadAsync(context, environment, cancellationToken);
        if (view.Environment != environment || view.Current is null)
        {
            return (null, view.Problem ?? $"there are no rule files to approve for '{environment}'.");
        }

        if (!string.Equals(digest, view.Current.Digest, StringComparison.Ordinal))
        {
            return (null, "the rule files changed since this page was shown; review the changes again, then approve.");
        }

        try
        {
            var reviewer = user.Identity?.Name ?? "unknown";
            var approval = await new RuleApprovals(context.Store, context.Audit, context.Time).ApproveAsync(environment, view.Current, reviewer, comment, cancellationToken);
            context.Logger.Information("Console: {User} approved the rules for {Environment} ({Files} files, approval {Id})", reviewer, environment, view.Current.Files.Count, approval.Id);
            return (approval, null);
        }
        catch (DataRefreshException exception)
        {
            return (null, exception.Message);
        }
    }
}
