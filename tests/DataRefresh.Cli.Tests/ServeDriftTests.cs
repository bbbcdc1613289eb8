using System.Net.Http.Headers;
using System.Text.Json;
using DataRefresh.Cli.Tests.Console;
using DataRefresh.Cli.Tests.Notifications;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Drift before the night, end to end: a real <c>serve</c> node hosting the console checks a scheduled SQLite job's rules
/// against its source ahead of the firing; a column added to production that no rule covers reaches the webhook, the
/// console's Schedule page, <c>/api/jobs</c> and <c>/metrics</c> with its rule file's location and without a value; once
/// the rule is written the node checks again and everything says the firing will pass.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ServeDriftTests : IDisposable
{
    private const string Planted = "planted.drift.nickname.7731";

    private readonly CliRunner cli = new();

    public ServeDriftTests()
    {
        SqliteTestFile.CreateDemoProduction(Production, 20);
        SqliteTestFile.Execute(Production, $"ALTER TABLE customers ADD COLUMN nickname TEXT; UPDATE customers SET nickname = '{Planted}'");
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
    }

    public void Dispose() => cli.Dispose();

    private string Production => Path.Combine(cli.Folder, "prod.db");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_column_no_rule_covers_is_reported_ahead_of_the_firing_to_the_hook_the_console_and_metrics_and_cleared_once_ruled()
    {
        var project = Path.Combine(cli.Folder, "project");
        Directory.CreateDirectory(Path.Combine(project, "jobs"));
        Directory.CreateDirectory(Path.Combine(project, "rules"));
        var rules = Path.Combine(project, "rules", "crm.yaml");
        File.Copy(Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml"), rules);
        // Every day at 03:00 UTC, with a lead of two days: whatever the hour, the next firing is within the lead.
        await File.WriteAllTextAsync(Path.Combine(project, "jobs", "nightly.yaml"), """
            name: nightly
            source: prod
            target: staging
            rules: [ ../rules/crm.yaml ]
            schedule: "0 0 3 * * ?"
            """, Token);
        await ConsoleTestServer.AddAccountsAsync(new SqliteHistoryStore(cli.HistoryFile));
        using var receiver = new WebhookReceiver();
        var console = new Uri($"http://127.0.0.1:{WebhookReceiver.FreePort()}/");
        await using var node = await ServeNode.StartAsync(cli, Path.Combine(project, "jobs"), "drift-node", new Dictionary<string, string>
        {
            ["Scheduler:DriftCheckLead"] = "2.00:00:00",
            ["Notifications:ConsoleUrl"] = "https://console.example/",
            // No On: a hook hears failures, verification failures and drift unless it says otherwise.
            ["Notifications:Webhooks:0:Url"] = receiver.Address.ToString(),
            ["Web:Urls:0"] = console.ToString(),
            ["Web:Metrics:Token"] = ConsoleTestServer.MetricsToken,
        });

        await node.WaitForLogAsync("would stop before copying", TimeSpan.FromSeconds(60));
        var problemLine = node.Log.Split('\n').First(line => line.Contains("would stop before copying", StringComparison.Ordinal));
        Assert.Contains("Job nightly: the firing at ", problemLine, StringComparison.Ordinal);
        Assert.Contains("nickname", problemLine, StringComparison.Ordinal);

        // The webhook: the problem with where to fix it, and a link to the Schedule page.
        await WaitAsync(() => !receiver.Bodies.IsEmpty, "the drift notice");
        var notice = JsonDocument.Parse(Assert.Single(receiver.Bodies)).RootElement;
        Assert.Equal(("drift", "nightly", "https://console.example/schedule"), (notice.GetProperty("event").GetString(), notice.GetProperty("job").GetString(), notice.GetProperty("link").GetString()));
        var problem = Assert.Single(notice.GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("nickname", problem, StringComparison.Ordinal);
        Assert.Contains("rules/crm.yaml:9:3: main.customers has a column no rule masks or keeps: nickname", problem, StringComparison.Ordinal);
        Assert.Equal(3, notice.GetProperty("firingAt").GetDateTimeOffset().UtcDateTime.Hour);

        // The console the node hosts, and its metrics.
        await node.WaitForLogAsync("Console listening on", TimeSpan.FromSeconds(30));
        using var dana = await ConsoleSession.SignInAsync(console, "dana");
        var schedule = await dana.Client.GetStringAsync("/schedule", Token);
        Assert.Contains("id=\"drift-alert\"", schedule, StringComparison.Ordinal);
        Assert.Contains("1 job(s) would stop before copying at their next firing", schedule, StringComparison.Ordinal);
        Assert.Contains("nickname", schedule, StringComparison.Ordinal);
        var jobs = await dana.Client.GetStringAsync("/api/jobs", Token);
        var drift = JsonDocument.Parse(jobs).RootElement.GetProperty("jobs").EnumerateArray().Single(job => job.GetProperty("name").GetString() == "nightly").GetProperty("drift");
        Assert.False(drift.GetProperty("passed").GetBoolean());
        using var scraper = ConsoleTestServer.NewClient(console);
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleTestServer.MetricsToken);
        Assert.Equal(1, PrometheusText.Parse(await scraper.GetStringAsync("/metrics", Token))["datarefresh_drift_problems{job=\"nightly\"}"]);

        // The rule is written: the node checks the same firing again, and the alert clears everywhere (no second notice).
        var ruled = (await File.ReadAllTextAsync(rules, Token)).Replace(
            "      created_at:  { mask: keep, classification: internal, reason: \"sign-up time, needed for testing retention jobs\" }\n",
            "      created_at:  { mask: keep, classification: internal, reason: \"sign-up time, needed for testing retention jobs\" }\n      nickname:    { mask: \"null\", classification: pii }\n",
            StringComparison.Ordinal);
        Assert.Contains("nickname", ruled, StringComparison.Ordinal);
        await File.WriteAllTextAsync(rules, ruled, Token);
        await node.WaitForLogAsync("nothing would stop it", TimeSpan.FromSeconds(60));
        Assert.Equal(0, PrometheusText.Parse(await scraper.GetStringAsync("/metrics", Token))["datarefresh_drift_problems{job=\"nightly\"}"]);
        var after = await dana.Client.GetStringAsync("/schedule", Token);
        Assert.DoesNotContain("id=\"drift-alert\"", after, StringComparison.Ordinal);
        Assert.Contains("nothing would stop it", after, StringComparison.Ordinal);
        Assert.Single(receiver.Bodies);

        // The check read the catalog only: no value of the new column anywhere.
        foreach (var text in new[] { node.Log, schedule, jobs, after, string.Join('\n', receiver.Bodies) })
        {
            Assert.DoesNotContain(Planted, text, StringComparison.Ordinal);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"waited 30 s for {what}");
            await Task.Delay(100, Token);
        }
    }
}
