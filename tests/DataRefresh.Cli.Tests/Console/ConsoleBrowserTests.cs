using DataRefresh.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// A real headless Chromium walks the console after a real run of the SQLite demo job whose production file holds a
/// planted value: signs in, filters the runs, opens the run's audit record, queues a run from the Schedule page, reads
/// the API, approves the rules as a reviewer and again after a change (seen as a diff); a developer requests a snapshot
/// that a real serve node builds, follows it and downloads it. Each page is screenshot (into DATAREFRESH_SCREENSHOTS when
/// set: docs/console.md's pictures). Nothing it fetched holds the planted value or the masking key.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    private const string Planted = "planted.production.value.7731@example.org";

    private readonly CliRunner cli = new();
    private readonly List<(string What, string Text)> fetched = [];
    private ConsoleTestServer server = null!;
    private ChromeDriver browser = null!;

    private string Production => Path.Combine(cli.Folder, "crm-prod.db");

    public async ValueTask InitializeAsync()
    {
        SqliteTestFile.CreateDemoProduction(Production, 50);
        SqliteTestFile.Execute(Production, $"UPDATE customers SET email = '{Planted}' WHERE id = 1");
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "crm-staging.db")}", false));
        var (exitCode, output, error) = await cli.RunAsync(["run", Path.Combine(ConsoleTestServer.ProjectJobsFolder(cli), "demo-sqlite.yaml")]);
        Assert.True(exitCode == 0, output + error);
        // A real scan of production, kept in the history store for Rule review (its evidence must hold no value either).
        (_, output, error) = await cli.RunAsync(["scan", "--env", "prod", "--rules", Path.Combine(cli.Folder, "project", "rules", "crm-sqlite.yaml")], withMaskingKey: false);
        Assert.True(output.Contains("Findings kept for the console's Rule review", StringComparison.Ordinal), output + error);
        server = await ConsoleTestServer.StartAsync(cli);
        browser = HeadlessChromium.Start(Path.Combine(cli.Folder, "chromium-profile"));
    }

    [Fact]
    public async Task A_DBA_and_a_reviewer_walk_every_page_queue_a_run_approve_rules_and_no_page_holds_a_production_value_or_the_key()
    {
        Open("/");
        Assert.EndsWith("/signin?ReturnUrl=%2F", browser.Url, StringComparison.Ordinal);
        Screenshot("sign-in");
        SignIn("dana");
        Assert.Equal("dana (dba)", browser.FindElement(By.Id("signed-in-as")).Text);

        // Runs: the demo run is listed; a filter that matches nothing says so.
        var runs = Keep("runs page");
        Assert.Contains("demo-sqlite", runs, StringComparison.Ordinal);
        Assert.Contains("succeeded", browser.FindElement(By.Id("runs")).Text, StringComparison.Ordinal);
        Screenshot("runs");
        browser.FindElement(By.CssSelector("#filter-outcome option[value='failed']")).Click();
        browser.FindElement(By.Id("apply-filters")).Click();
        Assert.Equal("No runs match.", browser.FindElement(By.Id("no-runs")).Text);
        Keep("runs page, failed only");

        // The run's audit record in full: rule files with their SHA-256, tables and column decisions, verification.
        Open("/");
        browser.FindElement(By.CssSelector("#runs a.mono")).Click();
        var record = Keep("run page");
        Assert.Contains("rules/crm-sqlite.yaml", record, StringComparison.Ordinal);
        Assert.Matches("[0-9a-f]{64}", browser.FindElement(By.CssSelector("table.rule-files")).Text);
        Assert.Contains("customers", browser.FindElement(By.CssSelector("table.tables")).Text, StringComparison.Ordinal);
        Assert.Contains("Passed", record, StringComparison.Ordinal);
        Screenshot("run");

        // Schedule: the job, its schedule, and a run queued for a serve node.
        Open("/schedule");
        Keep("schedule page");
        browser.FindElement(By.CssSelector("button.trigger[data-job='demo-sqlite']")).Click();
        Assert.StartsWith("Queued request", browser.FindElement(By.Id("schedule-message")).Text, StringComparison.Ordinal);
        Assert.Contains("console:dana", browser.FindElement(By.Id("pending")).Text, StringComparison.Ordinal);
        Keep("schedule page after run now");
        Screenshot("schedule");

        foreach (var api in new[] { "/api/jobs", "/api/session", "/api/runs" })
        {
            Open(api);
            Keep(api);
        }

        // Chromium shows JSON as text in a page of its own.
        var runId = System.Text.Json.JsonDocument.Parse(browser.FindElement(By.TagName("body")).Text).RootElement[0].GetProperty("runId").GetString();
        Open($"/api/runs/{runId}");
        Assert.Contains("\"auditRecords\":[{", Keep("/api/runs/<id>"), StringComparison.Ordinal);

        // Rule review as the DBA: today's rules on the schema the run read; nobody has approved them, and only a reviewer may.
        Open("/rules");
        Assert.StartsWith("Never approved", browser.FindElement(By.Id("approval-status")).Text, StringComparison.Ordinal);
        Assert.Contains("main.customers.email", browser.FindElement(By.Id("coverage")).Text, StringComparison.Ordinal);
        Assert.Matches(@"^The latest scan of prod \(.+ UTC, 1000 rows per table\) flagged [1-9]\d* column\(s\)", browser.FindElement(By.Id("scan")).Text);
        Assert.Equal("Only a reviewer can approve rules.", browser.FindElement(By.Id("approve-needs-reviewer")).Text);
        Keep("rules page as the dba");
        SignOut();

        // The reviewer signs off today's rules, then sees a change made after it as a diff, and approves that too.
        SignIn("rita");
        Open("/rules");
        Approve("first review of the demo rules");
        Assert.StartsWith("Approved: today's files are the version rita approved", browser.FindElement(By.Id("approval-status")).Text, StringComparison.Ordinal);
        var ruleFile = Path.Combine(cli.Folder, "project", "rules", "crm-sqlite.yaml");
        File.WriteAllText(ruleFile, File.ReadAllText(ruleFile).Replace("shift-date, days: 30", "shift-date, days: 60", StringComparison.Ordinal));
        Open("/rules");
        Assert.StartsWith("Changed since approval: 1 file(s) differ", browser.FindElement(By.Id("approval-status")).Text, StringComparison.Ordinal);
        var diff = browser.FindElement(By.CssSelector("div.diff[data-file='rules/crm-sqlite.yaml']"));
        Assert.Contains("days: 30", diff.FindElement(By.CssSelector(".removed")).Text, StringComparison.Ordinal);
        Assert.Contains("days: 60", diff.FindElement(By.CssSelector(".added")).Text, StringComparison.Ordinal);
        Keep("rules page with a change");
        Screenshot("rules");
        Approve("birth dates now shift by up to 60 days");
        Assert.Equal(2, browser.FindElements(By.CssSelector("#approvals tbody tr")).Count);
        Open("/api/rules");
        Assert.Contains("\"approved\":true", Keep("/api/rules"), StringComparison.Ordinal);
        SignOut();

        var approvals = await server.Store.ReadApprovalsAsync("prod", TestContext.Current.CancellationToken);
        Assert.Equal(["birth dates now shift by up to 60 days", "first review of the demo rules"], approvals.Select(approval => approval.Comment));
        Assert.Contains("days: 60", approvals[0].Version.Find("rules/crm-sqlite.yaml")!.Text, StringComparison.Ordinal);
        var audit = await server.Store.ReadAuditRecordsAsync(new Core.History.AuditQuery(), TestContext.Current.CancellationToken);
        Assert.Equal(2, audit.Count(record => record.Contains("\"kind\":\"approval\"", StringComparison.Ordinal)));

        foreach (var (what, text) in fetched)
        {
            Assert.False(text.Contains(Planted, StringComparison.OrdinalIgnoreCase), $"{what} shows the planted production value");
            Assert.False(text.Contains(CliRunner.MaskingKey, StringComparison.Ordinal), $"{what} shows the masking key");
        }
    }

    [Fact]
    public async Task A_developer_requests_a_snapshot_follows_it_downloads_it_and_a_DBA_sees_every_request_and_rolls_staging_back()
    {
        var token = TestContext.Current.CancellationToken;
        // A second run keeps the first one's copy, marked, as staging's previous copy.
        var staging = Path.Combine(cli.Folder, "crm-staging.db");
        SqliteTestFile.Execute(staging, "CREATE TABLE marker (what TEXT); INSERT INTO marker VALUES ('first copy')");
        var (second, secondOutput, secondError) = await cli.RunAsync(["run", Path.Combine(ConsoleTestServer.ProjectJobsFolder(cli), "demo-sqlite.yaml")]);
        Assert.True(second == 0, secondOutput + secondError);

        // A real serve node over the console's jobs and history takes the requests and builds the snapshots.
        await using var node = await ServeNode.StartAsync(cli, ConsoleTestServer.ProjectJobsFolder(cli), "console-node");
        var (asked, askedOutput, askedError) = await cli.RunAsync(["snapshot", "request", "dev-snapshot", "--for", "alice", "--jobs", ConsoleTestServer.ProjectJobsFolder(cli)]);
        Assert.True(asked == 0, askedOutput + askedError);

        SignIn("devi");
        Open("/snapshots");
        Assert.Equal("None.", browser.FindElement(By.Id("no-requests")).Text);
        browser.FindElement(By.CssSelector("#snapshot-job option[value='dev-snapshot']")).Click();
        browser.FindElement(By.Id("request-snapshot")).Click();
        Assert.StartsWith("Queued request", browser.FindElement(By.Id("snapshots-message")).Text, StringComparison.Ordinal);
        var requestId = browser.FindElement(By.CssSelector("#requests tbody tr")).GetAttribute("data-request");
        Keep("snapshots page after the request");

        // Followed by reloading, as a person would, until the node has built it.
        var state = "";
        for (var deadline = TimeProvider.System.GetUtcNow().AddSeconds(90); state != "ready" && TimeProvider.System.GetUtcNow() < deadline;)
        {
            await Task.Delay(500, token);
            Open("/snapshots");
            state = browser.FindElement(By.CssSelector($"#requests tr[data-request='{requestId}'] .outcome")).Text;
            Assert.DoesNotContain(state, new[] { "failed", "gone" });
        }

        Assert.True(state == "ready", $"request {requestId} is '{state}' after 90 s:\n{node.Log}");
        Keep("snapshots page, ready");
        Assert.DoesNotContain("alice", browser.FindElement(By.Id("requests")).Text, StringComparison.Ordinal);
        Screenshot("snapshots");

        // The download is the SQLite file the manifest describes: masked, referentially whole, and its hash as listed.
        var downloads = HeadlessChromium.DownloadsOf(Path.Combine(cli.Folder, "chromium-profile"));
        browser.FindElement(By.CssSelector($"#requests tr[data-request='{requestId}'] a.download")).Click();
        var file = await WaitForDownloadAsync(downloads, token);
        var (_, manifest) = Core.Snapshots.SnapshotCatalog.List(cli.SnapshotsFolder).Single(entry => entry.Manifest.RequestedFor == "devi");
        Assert.Equal(manifest.Files.Single().Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));
        Assert.True(SqliteTestFile.Scalar<long>(file, "SELECT count(*) FROM customers") > 0);
        Assert.Equal(0, SqliteTestFile.Scalar<long>(file, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id)"));
        Assert.DoesNotContain(Planted, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        SignOut();

        // The DBA sees every request, alice's too, and who each is for.
        SignIn("dana");
        Open("/snapshots");
        var all = browser.FindElement(By.Id("requests")).Text;
        Assert.Contains("alice", all, StringComparison.Ordinal);
        Assert.Contains("devi", all, StringComparison.Ordinal);
        Keep("snapshots page as the dba");
        Open("/api/snapshots");
        Keep("/api/snapshots");

        // The DBA rolls staging back from the Schedule page: asked to confirm, queued, done by the serve node, listed.
        Open("/schedule");
        browser.FindElement(By.CssSelector("a.rollback[data-job='demo-sqlite']")).Click();
        Assert.Contains("Roll staging back", browser.FindElement(By.Id("rollback-confirmation")).Text, StringComparison.Ordinal);
        Keep("schedule page, rollback confirmation");
        browser.FindElement(By.Id("confirm-rollback")).Click();
        Assert.StartsWith("Queued rollback request", browser.FindElement(By.Id("schedule-message")).Text, StringComparison.Ordinal);
        await node.WaitForLogAsync("target staging rolled back", TimeSpan.FromSeconds(60));
        Assert.Equal("first copy", SqliteTestFile.Scalar<string>(staging, "SELECT what FROM marker"));
        Open("/schedule");
        var rollback = browser.FindElement(By.CssSelector("#rollbacks tbody tr")).Text;
        Assert.Contains("succeeded", rollback, StringComparison.Ordinal);
        Assert.Matches(@"request \d+ by rollback by console:dana", rollback);
        Keep("schedule page after the rollback");
        SignOut();

        foreach (var (what, text) in fetched)
        {
            Assert.False(text.Contains(Planted, StringComparison.OrdinalIgnoreCase), $"{what} shows the planted production value");
            Assert.False(text.Contains(CliRunner.MaskingKey, StringComparison.Ordinal), $"{what} shows the masking key");
        }
    }

    /// <summary>The one file Chromium finished downloading into <paramref name="folder"/> (it writes <c>.crdownload</c> until done).</summary>
    private static async Task<string> WaitForDownloadAsync(string folder, CancellationToken token)
    {
        for (var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30); TimeProvider.System.GetUtcNow() < deadline; await Task.Delay(200, token))
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder) is [var file] && !file.EndsWith(".crdownload", StringComparison.Ordinal))
            {
                return file;
            }
        }

        Assert.Fail($"Chromium downloaded nothing into {folder}");
        return "";
    }

    private void SignIn(string name)
    {
        Open("/signin");
        browser.FindElement(By.Id("name")).SendKeys(name);
        browser.FindElement(By.Id("password")).SendKeys(ConsoleTestServer.Password);
        browser.FindElement(By.Id("sign-in")).Click();

        // Waits (implicitly) for the page after sign-in: navigating on before it arrives would abandon the sign-in.
        Assert.StartsWith($"{name} (", browser.FindElement(By.Id("signed-in-as")).Text, StringComparison.Ordinal);
    }

    private void SignOut()
    {
        Open("/");
        browser.FindElement(By.Id("sign-out")).Click();
        Assert.NotNull(browser.FindElement(By.Id("sign-in")));
        Assert.Contains("/signin", browser.Url, StringComparison.Ordinal);
    }

    private void Approve(string comment)
    {
        browser.FindElement(By.Id("comment")).SendKeys(comment);
        browser.FindElement(By.Id("approve")).Click();
        Assert.StartsWith("Approved:", browser.FindElement(By.Id("rules-message")).Text, StringComparison.Ordinal);
        Keep("rules page after approving");
    }

    private void Open(string path) => browser.Navigate().GoToUrl(new Uri(server.Address, path));

    /// <summary>What the browser shows now (the rendered page, or the JSON as Chromium displays it), kept for the leak check.</summary>
    private string Keep(string what)
    {
        var text = browser.PageSource;
        fetched.Add((what, text));
        return text;
    }

    private void Screenshot(string name) => HeadlessChromium.Screenshot(browser, name, Path.Combine(cli.Folder, "screenshots"));

    public async ValueTask DisposeAsync()
    {
        browser?.Quit();
        browser?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        cli.Dispose();
    }
}
