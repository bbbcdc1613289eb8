using DataRefresh.Core.History;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>The run history, newest first, filtered by job, outcome and start.</summary>
public sealed class RunsModel(ConsoleContext console) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Job { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    public IReadOnlyList<RunHistoryEntry> Runs { get; private set; } = [];

    public IReadOnlyList<string> Jobs { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (query, problem) = new RunFilter(Job, Outcome, Since).Read();
        Problem = problem;
        if (query is not null)
        {
            Runs = await console.Store.ReadRunsAsync(query, cancellationToken);
        }

        Jobs = [.. (await console.Store.LatestRunPerJobAsync(cancellationToken)).Keys.Order(StringComparer.Ordinal)];
    }

    public DateTimeOffset Now => console.Time.GetUtcNow();

    public string Elapsed(RunHistoryEntry run) => $"{(console.Time.GetUtcNow() - run.StartedAt).TotalMinutes:F0} min";
}
