using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>Snapshot requests and snapshots: a developer asks for one, follows it and downloads it; a DBA sees them all.</summary>
public sealed class SnapshotsModel(ConsoleContext console) : PageModel
{
    public SnapshotsView? View { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = await SnapshotsView.LoadAsync(console, User, cancellationToken);

    public async Task<IActionResult> OnPostRequestAsync(string? job, CancellationToken cancellationToken)
    {
        if (!SnapshotActions.MayRequest(User))
        {
            return Forbid();
        }

        var (id, problem) = await SnapshotActions.RequestAsync(console, job, User, cancellationToken);
        (Message, MessageIsProblem) = problem is null ? ($"Queued request {id}: a serve node builds {job} for you; reload this page to follow it.", false) : (problem, true);
        View = await SnapshotsView.LoadAsync(console, User, cancellationToken);
        return Page();
    }
}
