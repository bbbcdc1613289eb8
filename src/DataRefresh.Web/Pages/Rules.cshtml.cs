using DataRefresh.Core.Accounts;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;

namespace DataRefresh.Web.Pages;

/// <summary>Rule review: an environment's coverage, the changes since the approved rules, and (for reviewers) the sign-off.</summary>
public sealed class RulesModel(ConsoleContext console) : ActionPageModel
{
    public RuleReviewView? View { get; private set; }

    public async Task OnGetAsync(string? environment, CancellationToken cancellationToken) =>
        View = await RuleReviewView.LoadAsync(console, environment, cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(string environment, string? digest, string? comment, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(ConsoleRoles.Reviewer))
        {
            return Forbid();
        }

        var (approval, problem) = await ApprovalActions.ApproveAsync(console, environment, digest, comment, User, cancellationToken);
        Tell(problem, $"Approved: runs that require approved rules may use these files ({approval?.Id}).");
        View = await RuleReviewView.LoadAsync(console, environment, cancellationToken);
        return Page();
    }
}
