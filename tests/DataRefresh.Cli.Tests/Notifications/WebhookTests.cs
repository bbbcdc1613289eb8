using System.Net;
using System.Text.Json;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Notifications;
using DataRefresh.Testing;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Cli.Tests.Notifications;

/// <summary>
/// Webhooks as real <c>datarefresh run</c>s of SQLite jobs post them to a real local listener: the verification failure
/// and the success reach the hooks that want them (JSON and Slack/Teams bodies, with a link, never a value or the key),
/// a hook that cannot be reached changes nothing about the run, and a hook answering 500 is retried.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class WebhookTests : IDisposable
{
    private const string Planted = "planted.webhook.value.5521@example.org";
    private const string DeadHook = "http://127.0.0.1:9/hooks/dead-secret-token-77";

    private readonly CliRunner cli = new();

    public WebhookTests()
    {
        SqliteTestFile.CreateDemoProduction(Production, 30);
        SqliteTestFile.Execute(Production, $"UPDATE customers SET email = '{Planted}' WHERE id = 1");
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
    }

    private string Production => Path.Combine(cli.Folder, "prod.db");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_verification_and_a_success_reach_the_hooks_that_want_them_and_a_dead_hook_changes_nothing()
    {
        using var receiver = new WebhookReceiver();
        var rules = Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml");
        cli.WriteFile("nothing.sql", "SELECT 1;");
        var failing = cli.WriteFile("never-passes.yaml", $"""
            name: never-passes
            source: prod
            target: staging
            rules: [ "{rules}" ]
            after:
              - sql: nothing.sql
                expect: [ "SELECT id FROM customers" ]
            """);
        var settings = new Dictionary<string, string?>
        {
            ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey,
            ["DataRefresh:Notifications:ConsoleUrl"] = "https://console.example/",
            ["DataRefresh:Notifications:Webhooks:0:Url"] = receiver.Address.ToString(),
            ["DataRefresh:Notifications:Webhooks:0:On:0"] = "verification-failure",
            ["DataRefresh:Notifications:Webhooks:0:On:1"] = "success",
            ["DataRefresh:Notifications:Webhooks:1:Url"] = DeadHook,
            ["DataRefresh:Notifications:Webhooks:2:Url"] = receiver.Address.ToString(),
            ["DataRefresh:Notifications:Webhooks:2:Format"] = "slack",
            ["DataRefresh:Notifications:Webhooks:2:Jobs:0"] = "never-passes",
        };

        var (failed, _, error) = await cli.RunAsync(["run", failing], settings, Token);
        Assert.Equal(ExitCodes.VerificationFailed, failed);
        var bodies = receiver.Bodies.ToList();
        Assert.Equal(2, bodies.Count);
        var notice = JsonDocument.Parse(bodies.Single(body => body.Contains("\"event\"", StringComparison.Ordinal))).RootElement;
        var runId = notice.GetProperty("runId").GetString();
        Assert.Equal(("verification-failure", "never-passes", "failed", 11), (notice.GetProperty("event").GetString(), notice.GetProperty("job").GetString(), notice.GetProperty("outcome").GetString(), notice.GetProperty("exitCode").GetInt32()));
        Assert.Equal($"https://console.example/runs/{runId}", notice.GetProperty("link").GetString());
        Assert.False(string.IsNullOrEmpty(notice.GetProperty("error").GetString()));
        var chat = JsonDocument.Parse(bodies.Single(body => body.StartsWith("{\"text\"", StringComparison.Ordinal))).RootElement.GetProperty("text").GetString();
        Assert.StartsWith("DataRefresh: job never-passes failed verification (exit 11)", chat, StringComparison.Ordinal);
        Assert.Contains($"https://console.example/runs/{runId}", chat, StringComparison.Ordinal);
        Assert.Contains("Could not tell webhook 1 (127.0.0.1)", cli.AllOutput, StringComparison.Ordinal);

        var (succeeded, output, successError) = await cli.RunAsync(["run", Path.Combine(RepositoryPaths.Root, "jobs", "sqlite-demo", "demo-sqlite.yaml")], settings, Token);
        Assert.True(succeeded == 0, output + successError);
        var success = JsonDocument.Parse(receiver.Bodies.Skip(2).Single()).RootElement;
        Assert.Equal(("success", "demo-sqlite", 0), (success.GetProperty("event").GetString(), success.GetProperty("job").GetString(), success.GetProperty("exitCode").GetInt32()));

        foreach (var text in receiver.Bodies.Append(cli.AllOutput).Append(error))
        {
            Assert.DoesNotContain(Planted, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(CliRunner.MaskingKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("dead-secret-token", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_snapshot_job_tells_the_hook_on_snapshot_ready_when_its_snapshot_is_written_and_until_when()
    {
        using var ready = new WebhookReceiver();
        using var failures = new WebhookReceiver();
        var settings = new Dictionary<string, string?>
        {
            ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey,
            ["DataRefresh:Notifications:Webhooks:0:Url"] = ready.Address.ToString(),
            ["DataRefresh:Notifications:Webhooks:0:On:0"] = "snapshot-ready",
            ["DataRefresh:Notifications:Webhooks:1:Url"] = failures.Address.ToString(),
            ["DataRefresh:Notifications:Webhooks:1:On:0"] = "failure",
        };

        var (exitCode, output, error) = await cli.RunAsync(["run", Path.Combine(RepositoryPaths.Root, "jobs", "sqlite-demo", "dev-snapshot.yaml")], settings, Token);

        Assert.True(exitCode == 0, output + error);
        var (_, manifest) = Assert.Single(Core.Snapshots.SnapshotCatalog.List(cli.SnapshotsFolder));
        var notice = JsonDocument.Parse(Assert.Single(ready.Bodies)).RootElement;
        Assert.Equal(("snapshot-ready", "dev-snapshot", manifest.RunId), (notice.GetProperty("event").GetString(), notice.GetProperty("job").GetString(), notice.GetProperty("runId").GetString()));
        Assert.Equal(manifest.ExpiresAt, notice.GetProperty("snapshotExpiresAt").GetDateTimeOffset());
        Assert.Empty(failures.Bodies);
        Assert.DoesNotContain(Planted, ready.Bodies.Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_hook_answering_500_is_retried_and_one_answering_400_is_not()
    {
        using var flaky = new WebhookReceiver(HttpStatusCode.InternalServerError);
        using var wrong = new WebhookReceiver(HttpStatusCode.BadRequest, HttpStatusCode.BadRequest);
        var settings = new NotificationSettings(
            [Hook(0, flaky.Address), Hook(1, wrong.Address)],
            null);
        using var http = new HttpClient();
        var record = new AuditRecord
        {
            RunId = "20261203-run",
            Job = "nightly",
            JobFile = "jobs/nightly.yaml",
            Outcome = AuditOutcome.Failed,
            ExitCode = ExitCodes.DatabaseUnavailable,
            Error = "cannot reach prod.",
            RanBy = AuditHost.Current(),
            StartedAt = DateTimeOffset.UnixEpoch,
            EndedAt = DateTimeOffset.UnixEpoch,
        };

        var delivered = await new RunNotifier(settings, http, Serilog.Core.Logger.None, TimeProvider.System).NotifyAsync(record, Token);

        Assert.Equal(1, delivered);
        Assert.Equal(2, flaky.Bodies.Count);
        Assert.Single(wrong.Bodies);
    }

    [Fact]
    public void Webhook_settings_that_do_not_read_are_refused_by_key_without_repeating_the_address()
    {
        static string Refused(params (string Key, string Value)[] pairs)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(pairs.ToDictionary(pair => pair.Key, pair => (string?)pair.Value)).Build();
            var error = Assert.Throws<DataRefreshException>(() => NotificationSettings.Load(configuration, "appsettings.json"));
            Assert.Equal(ExitCodes.Configuration, error.ExitCode);
            return error.Message;
        }

        Assert.Equal(
            "DataRefresh:Notifications:Webhooks:0:On in appsettings.json names 'failed', which is not an event; use failure, verification-failure, success, snapshot-ready, drift.",
            Refused(("DataRefresh:Notifications:Webhooks:0:Url", "https://hooks.example/x"), ("DataRefresh:Notifications:Webhooks:0:On:0", "failed")));
        Assert.Equal(
            "DataRefresh:Notifications:Webhooks:0:Url in appsettings.json is not an http:// or https:// address.",
            Refused(("DataRefresh:Notifications:Webhooks:0:Url", "ftp://secret-token@hooks.example")));
        Assert.Contains("DataRefresh:Notifications:Webhooks:0:Secret in appsettings.json is not a setting this datarefresh knows", Refused(("DataRefresh:Notifications:Webhooks:0:Secret", "x")), StringComparison.Ordinal);
        Assert.Contains("has no Url", Refused(("DataRefresh:Notifications:Webhooks:0:Format", "slack")), StringComparison.Ordinal);
    }

    private static Webhook Hook(int index, Uri url) => new($"webhook {index}", url, new HashSet<string> { WebhookEvents.Failure }, [], WebhookFormat.Json);

    public void Dispose() => cli.Dispose();
}
