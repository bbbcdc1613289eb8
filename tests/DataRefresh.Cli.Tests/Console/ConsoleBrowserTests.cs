using DataRefresh.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// A real headless Chromium walks the console after a real run of the SQLite demo job whose production file holds a
/// planted value: signs in, filters the runs, opens the run's audit record, queues a run from the Schedule page, reads
/// the API, and screenshots each page (into DATAREFRESH_SCREENSHOTS when set: docs/console.md's pictures). Nothing it
/// fetched holds the planted value or the masking key.
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
        var (exitCode, output, error) = await cli.RunAsync(["run", Path.Combine(ConsoleTestServer.JobsFolder, "demo-sqlite.yaml")]);
        Assert.True(exitCode == 0, output + error);
        server = await ConsoleTestServer.StartAsync(cli);
        browser = HeadlessChromium.Start(Path.Combine(cli.Folder, "chromium-profile"));
    }

    [Fact]
    public void A_DBA_signs_in_walks_every_page_queues_a_run_and_no_page_holds_a_production_value_or_the_key()
    {
        Open("/");
        Assert.EndsWith("/signin?ReturnUrl=%2F", browser.Url, StringComparison.Ordinal);
        Screenshot("sign-in");
        browser.FindElement(By.Id("name")).SendKeys("dana");
        browser.FindElement(By.Id("password")).SendKeys(ConsoleTestServer.Password);
        browser.FindElement(By.Id("sign-in")).Click();
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

        Open("/");
        browser.FindElement(By.Id("sign-out")).Click();
        Assert.Contains("/signin", browser.Url, StringComparison.Ordinal);

        foreach (var (what, text) in fetched)
        {
            Assert.False(text.Contains(Planted, StringComparison.OrdinalIgnoreCase), $"{what} shows the planted production value");
            Assert.False(text.Contains(CliRunner.MaskingKey, StringComparison.Ordinal), $"{what} shows the masking key");
        }
    }

    private void Open(string path) => browser.Navigate().GoToUrl(new Uri(server.Address, path));

    /// <summary>What the browser shows now (the rendered page, or the JSON as Chromium displays it), kept for the leak check.</summary>
    private string Keep(string what)
    {
        var text = browser.PageSource;
        fetched.Add((what, text));
        return text;
    }

    private void Screenshot(string name)
    {
        var shot = browser.GetScreenshot();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], shot.AsByteArray[..4]);
        var folder = Environment.GetEnvironmentVariable("DATAREFRESH_SCREENSHOTS") is { Length: > 0 } wanted ? wanted : Path.Combine(cli.Folder, "screenshots");
        Directory.CreateDirectory(folder);
        shot.SaveAsFile(Path.Combine(folder, $"console-{name}.png"));
    }

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
