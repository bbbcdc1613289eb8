using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// The console's doors over real HTTP: anonymous users get nothing, each role gets only its own actions, forms without a
/// valid anti-forgery token are refused, failed sign-ins are throttled, a removed account is out at once, and
/// <c>/metrics</c> answers only with its token, in Prometheus' text format, moving with the runs.
/// </summary>
public sealed partial class ConsoleAuthorizationTests : IAsyncLifetime
{
    private readonly CliRunner cli = new();
    private ConsoleTestServer server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "prod.db")}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
        server = await ConsoleTestServer.StartAsync(cli);
    }

    [Fact]
    public async Task Anonymous_users_get_a_sign_in_page_or_401_and_nothing_else()
    {
        using var anonymous = server.NewClient();
        foreach (var page in new[] { "/", "/schedule", "/rules", "/snapshots", "/snapshots/dev-snapshot/20261203000000abcd/download", "/runs/20261203000000abcd", "/?outcome=failed" })
        {
            var answer = await anonymous.GetAsync(page, Token);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/signin", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        foreach (var api in new[] { "/api/session", "/api/runs", "/api/jobs", "/api/runs/x", "/api/rules", "/api/snapshots" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(api, Token)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/jobs/demo-sqlite/trigger", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/rules/prod/approve", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/snapshots/dev-snapshot/request", null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", Token)).StatusCode);
        Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
    }

    [Theory]
    [InlineData("devi")]
    [InlineData("rita")]
    public async Task A_developer_or_a_reviewer_cannot_trigger_a_job_from_the_page_or_the_api(string name)
    {
        using var session = await ConsoleSession.SignInAsync(server, name);

        var page = await session.PostFormAsync("/schedule", "/schedule?handler=Trigger", new() { ["job"] = "demo-sqlite" });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("Run now", await session.Client.GetStringAsync("/schedule", Token), StringComparison.Ordinal);

        var api = await session.PostApiAsync("/api/jobs/demo-sqlite/trigger");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
    }

    [Fact]
    public async Task A_dba_triggers_from_the_page_and_the_api_and_the_request_names_them()
    {
        using var session = await ConsoleSession.SignInAsync(server, "dana");

        var page = await session.PostFormAsync("/schedule", "/schedule?handler=Trigger", new() { ["job"] = "demo-sqlite" });
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Queued request", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await session.PostApiAsync("/api/jobs/demo-sqlite/trigger")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostApiAsync("/api/jobs/no-such-job/trigger")).StatusCode);

        var pending = await server.Store.ReadPendingTriggerRequestsAsync(Token);
        Assert.Equal(2, pending.Count);
        Assert.All(pending, request => Assert.Equal(("demo-sqlite", "console:dana"), (request.Job, request.RequestedBy)));
    }

    [Theory]
    [InlineData("devi")]
    [InlineData("rita")]
    public async Task Only_a_dba_rolls_a_target_back_and_only_where_a_previous_copy_is_kept(string name)
    {
        using (var session = await ConsoleSession.SignInAsync(server, name))
        {
            var page = await session.PostFormAsync("/schedule", "/schedule?handler=RollBack", new() { ["job"] = "demo-sqlite" });
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain("Roll back", await session.Client.GetStringAsync("/schedule?rollback=demo-sqlite", Token), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostApiAsync("/api/jobs/demo-sqlite/rollback")).StatusCode);
            Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
        }

        using var dana = await ConsoleSession.SignInAsync(server, "dana");
        Assert.Contains("id=\"confirm-rollback\"", await dana.Client.GetStringAsync("/schedule?rollback=demo-sqlite", Token), StringComparison.Ordinal);
        var confirmed = await dana.PostFormAsync("/schedule?rollback=demo-sqlite", "/schedule?handler=RollBack", new() { ["job"] = "demo-sqlite" });
        Assert.Contains("Queued rollback request", await confirmed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var snapshot = await dana.PostApiAsync("/api/jobs/dev-snapshot/rollback");
        Assert.Equal(HttpStatusCode.BadRequest, snapshot.StatusCode);
        Assert.Contains("does not keep its target's previous copy", await snapshot.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var request = Assert.Single(await server.Store.ReadPendingTriggerRequestsAsync(Token));
        Assert.Equal(("demo-sqlite", "rollback by console:dana"), (request.Job, request.RequestedBy));
    }

    [Theory]
    [InlineData("devi")]
    [InlineData("dana")]
    public async Task Only_a_reviewer_approves_rules_from_the_page_or_the_api(string name)
    {
        using var session = await ConsoleSession.SignInAsync(server, name);
        var digest = await DigestAsync(session);

        var page = await session.PostFormAsync("/rules", "/rules?handler=Approve", new() { ["environment"] = "prod", ["digest"] = digest, ["comment"] = "looks fine" });
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/denied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("Only a reviewer can approve rules.", await session.Client.GetStringAsync("/rules", Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostApiAsync("/api/rules/prod/approve", new { digest, comment = "looks fine" })).StatusCode);
        Assert.Empty(await server.Store.ReadApprovalsAsync("prod", Token));
    }

    [Fact]
    public async Task A_reviewer_approves_the_version_shown_with_a_comment_and_nothing_else()
    {
        using var session = await ConsoleSession.SignInAsync(server, "rita");
        var digest = await DigestAsync(session);

        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostApiAsync("/api/rules/prod/approve", new { digest, comment = " " })).StatusCode);
        var stale = await session.PostApiAsync("/api/rules/prod/approve", new { digest = new string('0', 64), comment = "looks fine" });
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("the rule files changed since this page was shown", await stale.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await session.PostApiAsync("/api/rules/nowhere/approve", new { digest, comment = "looks fine" })).StatusCode);
        Assert.Empty(await server.Store.ReadApprovalsAsync("prod", Token));

        Assert.Equal(HttpStatusCode.OK, (await session.PostApiAsync("/api/rules/prod/approve", new { digest, comment = "looks fine" })).StatusCode);
        var approval = Assert.Single(await server.Store.ReadApprovalsAsync("prod", Token));
        Assert.Equal(("rita", "looks fine", "rules/crm-sqlite.yaml"), (approval.Reviewer, approval.Comment, Assert.Single(approval.Version.Files).Path));
        var record = Core.Audit.AuditJson.Deserialize(Assert.Single(await server.Store.ReadAuditRecordsAsync(new AuditQuery(RunId: approval.Id), Token)));
        Assert.Equal((Core.Audit.AuditKinds.Approval, "prod", "rita", digest), (record.Kind, record.Approval!.Environment, record.Approval.Reviewer, record.Approval.Digest));
        Assert.Equal(approval.Version.Files[0].Sha256, Assert.Single(record.RuleFiles).Sha256);
    }

    [Fact]
    public async Task A_form_or_an_api_call_without_a_valid_anti_forgery_token_is_refused()
    {
        using var session = await ConsoleSession.SignInAsync(server, "dana");

        var page = await session.PostFormAsync("/schedule", "/schedule?handler=Trigger", new() { ["job"] = "demo-sqlite" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var forged = await session.PostFormAsync("/schedule", "/schedule?handler=Trigger", new() { ["job"] = "demo-sqlite", ["__RequestVerificationToken"] = "forged" }, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var api = await session.Client.PostAsync("/api/jobs/demo-sqlite/trigger", null, Token);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains("anti-forgery", await api.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
    }

    [Fact]
    public async Task Failed_sign_ins_are_throttled_and_wrong_names_read_like_wrong_passwords()
    {
        using var client = server.NewClient();
        var session = new ConsoleSession(client);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var failed = await session.PostFormAsync("/signin", "/signin", new() { ["Name"] = "rita", ["Password"] = "wrong password " + attempt });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            Assert.Contains("That account name and password do not match.", await failed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        var unknown = await session.PostFormAsync("/signin", "/signin", new() { ["Name"] = "nobody", ["Password"] = "whatever it is" });
        Assert.Contains("That account name and password do not match.", await unknown.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var throttled = await session.PostFormAsync("/signin", "/signin", new() { ["Name"] = "rita", ["Password"] = ConsoleTestServer.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many failed sign-ins", await throttled.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        // Another account from another address is not held back by rita's failures (this test's address has 6, under 20).
        using var dana = await ConsoleSession.SignInAsync(server, "dana");
    }

    [Fact]
    public async Task A_removed_account_is_signed_out_at_its_next_request()
    {
        using var session = await ConsoleSession.SignInAsync(server, "dana");
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/", Token)).StatusCode);

        Assert.True(await server.Store.RemoveAccountAsync("dana", Token));

        var answer = await session.Client.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith("/signin", answer.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_need_the_token_parse_as_Prometheus_text_and_move_with_runs()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/metrics", Token)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleTestServer.MetricsToken);

        var before = PrometheusText.Parse(await client.GetStringAsync("/metrics", Token));
        Assert.DoesNotContain(before.Keys, series => series.Contains("job=\"nightly\"", StringComparison.Ordinal));

        var ended = new DateTimeOffset(2026, 11, 23, 2, 3, 0, TimeSpan.Zero);
        await server.Store.StartRunAsync(new RunStart("r1", "nightly", "schedule", "node-a", ended.AddMinutes(-3), null, "staging"), Token);
        await server.Store.FinishRunAsync(new RunEnd("r1", RunOutcome.Succeeded, ended, 0, null, [new("public.customers", 1200)]), Token);
        await server.Store.StartRunAsync(new RunStart("r2", "nightly", "schedule", "node-a", ended.AddDays(1), null, "staging"), Token);
        await server.Store.FinishRunAsync(new RunEnd("r2", RunOutcome.Failed, ended.AddDays(1).AddMinutes(1), ExitCodes.VerificationFailed, "verification failed", []), Token);

        var after = PrometheusText.Parse(await client.GetStringAsync("/metrics", Token));
        Assert.Equal(1, after["datarefresh_runs{job=\"nightly\",outcome=\"succeeded\"}"]);
        Assert.Equal(1, after["datarefresh_runs{job=\"nightly\",outcome=\"failed\"}"]);
        Assert.Equal(1, after["datarefresh_verification_failures{job=\"nightly\"}"]);
        Assert.Equal(ended.ToUnixTimeSeconds(), after["datarefresh_last_success_timestamp_seconds{job=\"nightly\"}"]);
        Assert.Equal(60, after["datarefresh_last_run_duration_seconds{job=\"nightly\"}"]);
        Assert.Equal(0, after["datarefresh_snapshot_requests{state=\"queued\"}"]);

        // Snapshot requests by state: one a node took and is building, one still waiting.
        var now = TimeProvider.System.GetUtcNow();
        await server.Store.RequestTriggerAsync("dev-snapshot", "snapshot for devi by console:devi", now, Token);
        var taken = Assert.Single(await server.Store.ClaimTriggerRequestsAsync("node-a", now, Token));
        await server.Store.StartRunAsync(new RunStart("r3", "dev-snapshot", taken.RunReason, "node-a", now, null, "snapshot:dev-snapshot"), Token);
        await server.Store.RequestTriggerAsync("dev-snapshot", "snapshot for alice by ann@ops1", now, Token);
        var snapshots = PrometheusText.Parse(await client.GetStringAsync("/metrics", Token));
        Assert.Equal(1, snapshots["datarefresh_snapshot_requests{state=\"building\"}"]);
        Assert.Equal(1, snapshots["datarefresh_snapshot_requests{state=\"queued\"}"]);
        Assert.Equal(0, snapshots["datarefresh_snapshot_requests{state=\"ready\"}"]);

        // A running run's progress, as it reports it, on the Runs page, its own page and the metrics; then its bytes once ended.
        await server.Store.StartRunAsync(new RunStart("w1", "weekly", "schedule", "node-a", now, null, "qa"), Token);
        await server.Store.ReportProgressAsync("w1", new RunProgressReport("data", 1, 2, 777, 1000, 3 * 1024 * 1024, now), Token);
        Assert.Equal(777, PrometheusText.Parse(await client.GetStringAsync("/metrics", Token))["datarefresh_running_rows_copied{job=\"weekly\"}"]);
        using var dana = await ConsoleSession.SignInAsync(server, "dana");
        Assert.Contains("data: 1 of 2 tables, 777 rows of about 1,000, 3.0 MB", await dana.Client.GetStringAsync("/", Token), StringComparison.Ordinal);
        Assert.Contains("data: 1 of 2 tables, 777 rows of about 1,000, 3.0 MB", await dana.Client.GetStringAsync("/runs/w1", Token), StringComparison.Ordinal);
        await server.Store.FinishRunAsync(new RunEnd("w1", RunOutcome.Succeeded, now.AddMinutes(1), 0, null, [new("main.customers", 1000)]) { BytesCopied = 4096 }, Token);
        var finished = PrometheusText.Parse(await client.GetStringAsync("/metrics", Token));
        Assert.Equal(4096, finished["datarefresh_last_run_bytes{job=\"weekly\"}"]);
        Assert.DoesNotContain("datarefresh_running_rows_copied{job=\"weekly\"}", finished.Keys);
    }

    [Fact]
    public void Settings_the_console_does_not_know_are_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataRefresh:Web:Oidc:Authority"] = "https://login.example" }).Build();

        var refused = Assert.Throws<DataRefreshException>(() => ConsoleSettings.Load(configuration, "appsettings.json"));

        Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
        Assert.Equal("DataRefresh:Web:Oidc in appsettings.json is not a setting this datarefresh knows: OpenID Connect is set under DataRefresh:Web:OpenIdConnect.", refused.Message);
    }

    [Fact]
    public void Trusted_proxies_are_addresses_or_networks_and_anything_else_is_refused()
    {
        static ConsoleSettings Load(string proxies) => ConsoleSettings.Load(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataRefresh:Web:TrustedProxies"] = proxies }).Build(), "appsettings.json");

        Assert.Equal(["10.0.0.5/32", "10.1.0.0/16", "::1/128"], Load("10.0.0.5; 10.1.0.0/16; ::1").TrustedProxies.Select(network => network.ToString()));
        var refused = Assert.Throws<DataRefreshException>(() => Load("10.0.0.5;proxy.corp"));
        Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
        Assert.Equal("'proxy.corp' in DataRefresh:Web:TrustedProxies (appsettings.json) is not an IP address or network such as 10.0.0.5 or 10.0.0.0/24.", refused.Message);
    }

    /// <summary>The digest of today's rule files for prod, as <c>GET /api/rules</c> gives it.</summary>
    private static async Task<string> DigestAsync(ConsoleSession session) =>
        System.Text.Json.JsonDocument.Parse(await session.Client.GetStringAsync("/api/rules?environment=prod", Token)).RootElement.GetProperty("digest").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        cli.Dispose();
    }
}
