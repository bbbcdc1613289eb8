using DataRefresh.Web.Hosting;
using DataRefresh.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataRefresh.Web.Api;

/// <summary>
/// <c>GET /snapshots/&lt;job&gt;/&lt;id&gt;/download</c>: a snapshot made for the signed-in person (a DBA: any), until it
/// expires; the same address serves the page's link and scripts. Each download is logged with who took what.
/// </summary>
internal static class SnapshotDownload
{
    public static void Map(WebApplication app) =>
        app.MapGet("/snapshots/{job}/{id}/download", async (HttpContext http, ConsoleContext console, string job, string id, CancellationToken cancellationToken) =>
        {
            var (entry, status, problem) = SnapshotActions.FindDownload(console, job, id, http.User);
            if (entry is null)
            {
                return Results.Problem(problem, statusCode: status);
            }

            console.Logger.Information("Console: {User} downloads snapshot {Job}/{Id} (made for {For})", http.User.Identity?.Name, job, id, entry.Manifest.RequestedFor ?? "a run by hand");
            var content = await SnapshotActions.OpenDownloadAsync(entry, cancellationToken);
            return Results.File(content, entry.Manifest.Kind == "sqlite" ? "application/vnd.sqlite3" : "application/zip", SnapshotActions.DownloadName(entry), enableRangeProcessing: true);
        });
}
