using DataRefresh.Core.Accounts;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;

namespace DataRefresh.Web.Pages;

/// <summary>The jobs with their schedules, next firings and last runs, the queue and the nodes; a DBA can queue a run.</summary>
public sealed class ScheduleModel(ConsoleContext console) : ActionPageModel
{
    public ScheduleView? View { get; private set; }

    /// <summary>The job whose target a DBA asked to roll back, shown for confirmation before anything is queued.</summary>
    public JobRow? ConfirmRollback { get; private set; }

    public async Task OnGetAsync(string? rollback, CancellationToken cancellationToken)
    {
        View = await ScheduleView.LoadAsync(console, cancellationToken);
        ConfirmRollback = User.IsInRole(ConsoleRoles.Dba) ? View.Jobs.FirstOrDefault(job => job.Name == rollback && job.Valid && job.KeepsPrevious) : null;
    }

    public async Task<IActionResult> OnPostRollBackAsync(string job, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(ConsoleRoles.Dba))
        {
            return Forbid();
        }

        var (id, problem) = await JobActions.RollBackAsync(console, job, User, cancellationToken);
        Tell(problem, $"Queued rollback request {id}: a serve node puts the previous copy of {job}'s target back shortly.");
        View = await ScheduleView.LoadAsync(console, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTriggerAsync(string job, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(ConsoleRoles.Dba))
        {
            return Forbid();
        }

        var (id, problem) = await JobActions.TriggerAsync(console, job, User, cancellationToken);
        Tell(problem, $"Queued request {id}: a serve node runs {job} shortly.");
        View = await ScheduleView.LoadAsync(console, cancellationToken);
        return Page();
    }
}
