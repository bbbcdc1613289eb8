using System.IO.Compression;
using System.Security.Claims;
using DataRefresh.Core.Accounts;
using DataRefresh.Core.Snapshots;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.SignIn;

namespace DataRefresh.Web.Views;

/// <summary>
/// What people may do with snapshots from the console, for the Snapshots page and the API alike: a developer or a DBA
/// requests one for themselves (queued for a serve node, as <c>datarefresh snapshot request</c> does), and downloads a
/// snapshot made for them (a DBA: any) until it expires.
/// </summary>
public static class SnapshotActions
{
    public static bool MayRequest(ClaimsPrincipal user) => user.IsInRole(ConsoleRoles.Developer) || user.IsInRole(ConsoleRoles.Dba);

    /// <summary>The request's id, or a sentence saying why the snapshot cannot be requested.</summary>
    public static async Task<(long? Id, string? Problem)> RequestAsync(ConsoleContext context, string? job, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "";
        if (!SnapshotRequests.IsValidName(name))
        {
            return (null, $"the account name cannot name a snapshot's owner (up to 100 characters, without ' by '); ask a DBA to request it with 'datarefresh snapshot request {job} --for <name>'.");
        }

        var view = await SnapshotsView.LoadAsync(context, user, cancellationToken);
        if (string.IsNullOrEmpty(job) || !view.Jobs.Contains(job, StringComparer.Ordinal))
        {
            return (null, $"'{job}' is not a valid snapshot job in {context.JobsFolder}; choose one of the jobs listed.");
        }

        if (view.Requests.FirstOrDefault(request => request.Job == job && request.For == name && request.State is SnapshotRequestState.Queued or SnapshotRequestState.Starting or SnapshotRequestState.Building) is { } open)
        {
            return (null, $"request {open.Id} for {job} is still {open.StateText}; follow it below rather than asking twice.");
        }

        var id = await context.Store.RequestTriggerAsync(job, SnapshotRequests.RequestedBy(name, ConsoleUser.RequestedBy(user)), context.Time.GetUtcNow(), cancellationToken);
        context.Logger.Information("Console: {User} requested a snapshot of {Job} (request {Request})", name, job, id);
        return (id, null);
    }

    /// <summary>
    /// The snapshot <paramref name="job"/>/<paramref name="id"/> as found in the snapshots folder (never a path built from
    /// the request), or the status and sentence refusing it: unknown or not the user's (404, so nobody learns what others
    /// have), expired (410), or naming a file outside its folder (404).
    /// </summary>
    public static (SnapshotCatalog.Entry? Entry, int Status, string? Problem) FindDownload(ConsoleContext context, string job, string id, ClaimsPrincipal user)
    {
        var entry = SnapshotCatalog.List(context.Settings.SnapshotsFolder)
            .FirstOrDefault(candidate => candidate.Manifest.Job == job && Path.GetFileName(candidate.Folder) == id);
        if (entry is null || !(user.IsInRole(ConsoleRoles.Dba) || entry.Manifest.RequestedFor == user.Identity?.Name))
        {
            return (null, 404, $"there is no snapshot {job}/{id} for you in the snapshots folder.");
        }

        if (entry.Manifest.HasExpired(context.Time.GetUtcNow()))
        {
            return (null, 410, $"snapshot {job}/{id} expired at {entry.Manifest.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; request a new one.");
        }

        if (entry.Manifest.Files.Any(file => Path.GetFileName(file.Path) != file.Path || !File.Exists(Path.Combine(entry.Folder, file.Path))))
        {
            return (null, 404, $"snapshot {job}/{id} is incomplete in the snapshots folder; request a new one.");
        }

        return (entry, 200, null);
    }

    /// <summary>Where a snapshot downloads from (<c>Api/SnapshotDownload</c>), for the page's links and the API's answers alike.</summary>
    public static string DownloadPath(SnapshotCatalog.Entry entry) =>
        $"/snapshots/{Uri.EscapeDataString(entry.Manifest.Job)}/{Uri.EscapeDataString(Path.GetFileName(entry.Folder))}/download";

    /// <summary>The name the download is saved under: the SQLite file itself, or a zip of a CSV snapshot's folder.</summary>
    public static string DownloadName(SnapshotCatalog.Entry entry) =>
        entry.Manifest.Kind == "sqlite" ? $"{entry.Manifest.Job}-{Path.GetFileName(entry.Folder)}.sqlite" : $"{entry.Manifest.Job}-{Path.GetFileName(entry.Folder)}.zip";

    /// <summary>
    /// The download's content: a SQLite snapshot's one file as it is, or a CSV snapshot as a zip of its manifest and files
    /// (unzipped, the folder <c>datarefresh snapshot restore</c> takes), built in a temporary file removed once sent.
    /// </summary>
    public static async Task<Stream> OpenDownloadAsync(SnapshotCatalog.Entry entry, CancellationToken cancellationToken)
    {
        if (entry.Manifest.Kind == "sqlite")
        {
            return new FileStream(Path.Combine(entry.Folder, entry.Manifest.Files[0].Path), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }

        var zip = new FileStream(Path.Combine(Path.GetTempPath(), $"datarefresh-download-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
            {
                foreach (var name in entry.Manifest.Files.Select(file => file.Path).Prepend(SnapshotPlace.ManifestName))
                {
                    // The CSV files are gzip already: stored, not compressed twice.
                    await archive.CreateEntryFromFileAsync(Path.Combine(entry.Folder, name), name, CompressionLevel.NoCompression, cancellationToken);
                }
            }

            zip.Position = 0;
            return zip;
        }
        catch
        {
            await zip.DisposeAsync();
            throw;
        }
    }
}
