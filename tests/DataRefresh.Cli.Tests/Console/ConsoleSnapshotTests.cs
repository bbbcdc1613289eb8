using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DataRefresh.Core.Snapshots;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// Snapshots through the console over real HTTP, on snapshots that real <c>datarefresh run</c>s wrote from the SQLite
/// demo: who may request one, who sees and downloads which, a snapshot past its expiry, and a CSV snapshot downloaded as a
/// zip that holds its manifest and files with the hashes the manifest lists.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ConsoleSnapshotTests : IAsyncLifetime
{
    private readonly CliRunner cli = new();
    private ConsoleTestServer server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Jobs => ConsoleTestServer.ProjectJobsFolder(cli);

    public async ValueTask InitializeAsync()
    {
        var production = Path.Combine(cli.Folder, "crm-prod.db");
        SqliteTestFile.CreateDemoProduction(production, 60);
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={production}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
        var sqliteJob = File.ReadAllText(Path.Combine(Jobs, "dev-snapshot.yaml"));
        File.WriteAllText(Path.Combine(Jobs, "dev-csv.yaml"), sqliteJob.Replace("name: dev-snapshot", "name: dev-csv", StringComparison.Ordinal).Replace("format: sqlite", "format: csv", StringComparison.Ordinal));
        server = await ConsoleTestServer.StartAsync(cli);
    }

    [Fact]
    public async Task A_developer_sees_and_downloads_only_their_own_snapshots_and_a_DBA_any_until_they_expire()
    {
        var devis = await MakeSnapshotAsync("dev-snapshot", "devi");
        var alices = await MakeSnapshotAsync("dev-snapshot", "alice");
        using var devi = await ConsoleSession.SignInAsync(server, "devi");

        var listed = JsonDocument.Parse(await devi.Client.GetStringAsync("/api/snapshots", Token)).RootElement.GetProperty("snapshots");
        var only = Assert.Single(listed.EnumerateArray());
        Assert.Equal(Path.GetFileName(devis.Folder), only.GetProperty("id").GetString());
        Assert.DoesNotContain(Path.GetFileName(alices.Folder), await devi.Client.GetStringAsync("/snapshots", Token), StringComparison.Ordinal);

        var download = await devi.Client.GetAsync(only.GetProperty("download").GetString(), Token);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(devis.Manifest.Files.Single().Sha256, Convert.ToHexStringLower(SHA256.HashData(await download.Content.ReadAsByteArrayAsync(Token))));

        // Someone else's snapshot is not there for a developer, not even as "forbidden"; a DBA takes any.
        var others = $"/snapshots/dev-snapshot/{Path.GetFileName(alices.Folder)}/download";
        Assert.Equal(HttpStatusCode.NotFound, (await devi.Client.GetAsync(others, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await devi.Client.GetAsync("/snapshots/dev-snapshot/..%2F..%2Fetc/download", Token)).StatusCode);
        using var dana = await ConsoleSession.SignInAsync(server, "dana");
        Assert.Equal(HttpStatusCode.OK, (await dana.Client.GetAsync(others, Token)).StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await dana.Client.GetStringAsync("/api/snapshots", Token)).RootElement.GetProperty("snapshots").GetArrayLength());

        // Past its expiry (as its manifest says) it is no longer handed out, and the page offers no link.
        File.WriteAllText(Path.Combine(devis.Folder, SnapshotPlace.ManifestName), (devis.Manifest with { ExpiresAt = devis.Manifest.CreatedAt.AddMinutes(-1) }).ToJson());
        var expired = await devi.Client.GetAsync(only.GetProperty("download").GetString(), Token);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired at", await expired.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.DoesNotContain("/download", await devi.Client.GetStringAsync("/snapshots", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CSV_snapshot_downloads_as_a_zip_of_its_manifest_and_files_with_their_hashes()
    {
        var (folder, manifest) = await MakeSnapshotAsync("dev-csv", "devi");
        using var devi = await ConsoleSession.SignInAsync(server, "devi");

        var download = await devi.Client.GetAsync($"/snapshots/dev-csv/{Path.GetFileName(folder)}/download", Token);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync(Token)));
        Assert.Equal(manifest.Files.Select(file => file.Path).Append(SnapshotPlace.ManifestName).Order(), zip.Entries.Select(entry => entry.FullName).Order());
        foreach (var file in manifest.Files)
        {
            using var content = new MemoryStream();
            await using (var entry = await zip.GetEntry(file.Path)!.OpenAsync(Token))
            {
                await entry.CopyToAsync(content, Token);
            }

            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(content.ToArray())));
        }

        // The temporary zip is removed once sent (the server closes it just after the last byte).
        for (var attempt = 0; attempt < 50 && Directory.GetFiles(Path.GetTempPath(), "datarefresh-download-*.zip").Length > 0; attempt++)
        {
            await Task.Delay(100, Token);
        }

        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "datarefresh-download-*.zip"));
    }

    [Theory]
    [InlineData("devi")]
    [InlineData("dana")]
    public async Task A_developer_or_a_DBA_requests_a_snapshot_job_for_themselves_once_at_a_time(string name)
    {
        using var session = await ConsoleSession.SignInAsync(server, name);

        var page = await session.PostFormAsync("/snapshots", "/snapshots?handler=Request", new() { ["job"] = "dev-snapshot" });
        Assert.Contains("Queued request", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var again = await session.PostApiAsync("/api/snapshots/dev-snapshot/request");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("is still queued; follow it below rather than asking twice", await again.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await session.PostApiAsync("/api/snapshots/dev-csv/request")).StatusCode);
        var notSnapshot = await session.PostApiAsync("/api/snapshots/demo-sqlite/request");
        Assert.Equal(HttpStatusCode.BadRequest, notSnapshot.StatusCode);
        Assert.Contains("'demo-sqlite' is not a valid snapshot job", await notSnapshot.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var pending = await server.Store.ReadPendingTriggerRequestsAsync(Token);
        Assert.Equal([("dev-snapshot", $"snapshot for {name} by console:{name}"), ("dev-csv", $"snapshot for {name} by console:{name}")], pending.Select(request => (request.Job, request.RequestedBy)));
        var requests = JsonDocument.Parse(await session.Client.GetStringAsync("/api/snapshots", Token)).RootElement.GetProperty("requests");
        Assert.All(requests.EnumerateArray(), request => Assert.Equal("queued", request.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_reviewer_cannot_request_a_snapshot()
    {
        using var rita = await ConsoleSession.SignInAsync(server, "rita");

        var page = await rita.PostFormAsync("/snapshots", "/snapshots?handler=Request", new() { ["job"] = "dev-snapshot" });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("Only a developer or a DBA can request snapshots.", await rita.Client.GetStringAsync("/snapshots", Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.PostApiAsync("/api/snapshots/dev-snapshot/request")).StatusCode);
        Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
    }

    /// <summary>A snapshot written by a real run of <paramref name="job"/>, then marked as asked for by <paramref name="forWhom"/>.</summary>
    private async Task<SnapshotCatalog.Entry> MakeSnapshotAsync(string job, string forWhom)
    {
        var before = SnapshotCatalog.List(cli.SnapshotsFolder).Select(entry => entry.Folder).ToHashSet();
        var (exitCode, output, error) = await cli.RunAsync(["run", Path.Combine(Jobs, job + ".yaml")]);
        Assert.True(exitCode == 0, output + error);
        var made = Assert.Single(SnapshotCatalog.List(cli.SnapshotsFolder), entry => !before.Contains(entry.Folder));
        var asked = made.Manifest with { RequestedFor = forWhom };
        File.WriteAllText(Path.Combine(made.Folder, SnapshotPlace.ManifestName), asked.ToJson());
        return made with { Manifest = asked };
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        cli.Dispose();
    }
}
