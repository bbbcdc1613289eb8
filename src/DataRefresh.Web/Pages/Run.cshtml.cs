using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>One run: its history row and its audit records in full (a rollback or purge has a record and no row).</summary>
public sealed class RunModel(ConsoleContext console) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string RunId { get; set; } = "";

    public RunHistoryEntry? Run { get; private set; }

    public DateTimeOffset Now => console.Time.GetUtcNow();

    public IReadOnlyList<AuditRecord> Records { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Run = (await console.Store.ReadRunsAsync(new RunQuery(Limit: 1, RunId: RunId), cancellationToken)).SingleOrDefault();
        Records = [.. (await console.Store.ReadAuditRecordsAsync(new AuditQuery(RunId: RunId), cancellationToken)).Select(AuditJson.Deserialize)];
        return Run is null && Records.Count == 0 ? NotFound() : Page();
    }
}
