using DataRefresh.Core.Accounts;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>The jobs with their schedules, next firings and last runs, the queue and the nodes; a DBA can queue a run.</summary>
public sealed class ScheduleModel(ConsoleContext console) : PageModel
{
    public ScheduleView? View { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await ScheduleView.LoadAsync(console, cancellationToken);

    public async Task<IActionResult> OnPostTriggerAsync(string job, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(ConsoleRoles.Dba))
        {
            return Forbid();
        }

        var (id, problem) = await JobActions.TriggerAsync(console, job, User, cancellationToken);
        (Message, MessageIsProblem) = problem is null ? ($"Queued request {id}: a serve node runs {job} shortly.", false) : (problem, true);
        View = await ScheduleView.LoadAsync(console, cancellationToken);
        return Page();
    }
}
