using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;

namespace DataRefresh.Web.Pages;

/// <summary>Snapshot requests and snapshots: a developer asks for one, follows it and downloads it; a DBA sees them all.</summary>
public sealed class SnapshotsModel(ConsoleContext console) : ActionPageModel
{
    public SnapshotsView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await SnapshotsView.LoadAsync(console, User, cancellationToken);

    public async Task<IActionResult> OnPostRequestAsync(string? job, CancellationToken cancellationToken)
    {
        if (!SnapshotActions.MayRequest(User))
        {
            return Forbid();
        }

        var (id, problem) = await SnapshotActions.RequestAsync(console, job, User, cancellationToken);
        Tell(problem, $"Queued request {id}: a serve node builds {job} for you; reload this page to follow it.");
        View = await SnapshotsView.LoadAsync(console, User, cancellationToken);
        return Page();
    }
}
