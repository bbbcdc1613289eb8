using System.Net;
using DataRefresh.Core.Accounts;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// Sign-in through an OpenID Connect provider, over real HTTP against <see cref="TestIdentityProvider"/>: the code flow
/// with PKCE and the client secret, roles from the provider's claims through the role map, and a refusal — named on the
/// sign-in page and in the log, with no session — for a person without a role, a name a local account holds, or a token
/// the provider's published key did not sign. The secret and the tokens appear in no page and no log line.
/// </summary>
public sealed class ProviderSignInTests : IAsyncLifetime
{
    private static readonly Dictionary<string, IReadOnlyList<string>> RoleMap = new(StringComparer.Ordinal)
    {
        [ConsoleRoles.Dba] = ["DataRefresh DBAs"],
        [ConsoleRoles.Reviewer] = ["DataRefresh Reviewers"],
    };

    private readonly CliRunner cli = new();
    private readonly List<string> log = [];
    private readonly List<string> pages = [];
    private TestIdentityProvider provider = null!;
    private ConsoleTestServer server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "prod.db")}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
        provider = await TestIdentityProvider.StartAsync();
        var logger = new Serilog.LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger();
        server = await ConsoleTestServer.StartAsync(cli, ConsoleTestServer.Settings with { OpenIdConnect = provider.Settings(RoleMap) }, logger);
    }

    [Fact]
    public async Task A_person_the_provider_vouches_for_gets_the_roles_its_claims_map_to_and_no_more()
    {
        provider.SignsInAs = new() { ["preferred_username"] = "olga@example.com", ["roles"] = new[] { "DataRefresh Reviewers", "Payroll" } };
        using var session = new ConsoleSession(server.NewClient());
        Assert.Contains("Sign in with Example IdP", await session.Client.GetStringAsync("/signin", Token), StringComparison.Ordinal);

        var (hops, landing) = await SignInThroughProviderAsync(session, "/schedule");

        // To the provider with a PKCE challenge and no secret; back to the callback; on to a page of the console's own.
        Assert.Equal(provider.Issuer.Authority, hops[0].Authority);
        Assert.Contains("code_challenge_method=S256", hops[0].Query, StringComparison.Ordinal);
        Assert.DoesNotContain(TestIdentityProvider.ClientSecret, hops[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("/signin-oidc", hops[1].AbsolutePath);
        Assert.Equal("/signin/continue?ReturnUrl=%2Fschedule", hops[2].PathAndQuery);
        Assert.Contains("url=/schedule", landing, StringComparison.Ordinal);

        var schedule = await ReadAsync(session, "/schedule");
        Assert.Contains("olga@example.com (reviewer)", schedule, StringComparison.Ordinal);
        var who = System.Text.Json.JsonDocument.Parse(await ReadAsync(session, "/api/session")).RootElement;
        Assert.Equal("olga@example.com", who.GetProperty("user").GetString());
        Assert.Equal(["reviewer"], who.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));

        // A reviewer, not a DBA: the provider's "Payroll" grants nothing, and triggering is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostApiAsync("/api/jobs/demo-sqlite/trigger")).StatusCode);
        Assert.Empty(await server.Store.ReadPendingTriggerRequestsAsync(Token));
        Assert.Contains(log, line => line.Contains("olga@example.com (reviewer) signed in through OpenID Connect", StringComparison.Ordinal));
        AssertNoSecrets();
    }

    [Fact]
    public async Task A_provider_session_ends_when_a_local_account_takes_its_name()
    {
        provider.SignsInAs = new() { ["preferred_username"] = "pat", ["roles"] = "DataRefresh DBAs" };
        using var session = new ConsoleSession(server.NewClient());
        await SignInThroughProviderAsync(session, "/");
        Assert.Contains("pat (dba)", await ReadAsync(session, "/"), StringComparison.Ordinal);
        Assert.Contains("pat (dba)", await ReadAsync(session, "/rules"), StringComparison.Ordinal);

        await server.Store.SaveAccountAsync(new ConsoleAccount("pat", PasswordHashing.Hash("another pat's password"), [ConsoleRoles.Developer], TimeProvider.System.GetUtcNow()), Token);

        var answer = await session.Client.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/signin", new Uri(server.Address, answer.Headers.Location!).AbsolutePath);
    }

    [Theory]
    [InlineData("no-role", "Example IdP signed you in but grants you none of the console's roles (dba, developer, reviewer); ask whoever manages it to grant you one.", "its roles claim grants no console role")]
    [InlineData("local-name", "A local account has the name Example IdP gives you; a DBA must remove it (datarefresh user remove) before you sign in through Example IdP.", "a local account has that name")]
    [InlineData("no-name", "Example IdP did not say who you are (no preferred_username or email claim); a DBA can set DataRefresh:Web:OpenIdConnect:NameClaim.", "the ID token has no preferred_username or email claim")]
    [InlineData("failed", "Sign-in through Example IdP did not succeed; try again, and if it fails again ask a DBA to read the console's log.", "a sign-in through OpenID Connect failed: IDX10511: Signature validation failed.")]
    public async Task A_person_the_console_cannot_place_is_refused_with_a_reason_and_no_session(string refusal, string sentence, string logged)
    {
        provider.SignsInAs = refusal switch
        {
            "no-role" => new() { ["preferred_username"] = "quinn", ["roles"] = new[] { "Payroll" } },
            "local-name" => new() { ["preferred_username"] = "dana", ["roles"] = "DataRefresh DBAs" },
            "no-name" => new() { ["roles"] = "DataRefresh DBAs" },
            _ => new() { ["preferred_username"] = "mallory", ["roles"] = "DataRefresh DBAs" },
        };
        provider.SignsWithUnpublishedKey = refusal == "failed";
        using var session = new ConsoleSession(server.NewClient());

        var (hops, landing) = await SignInThroughProviderAsync(session, "/");

        Assert.Equal("/signin?refused=" + refusal, hops[^1].PathAndQuery);
        Assert.Contains(sentence, WebUtility.HtmlDecode(landing), StringComparison.Ordinal);
        Assert.True(log.Any(line => line.Contains(logged, StringComparison.Ordinal)), string.Join("\n", log));
        var answer = await session.Client.GetAsync("/", Token);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/api/session", Token)).StatusCode);
        AssertNoSecrets();
    }

    /// <summary>
    /// Presses "Sign in with …", follows the redirects to the provider's page (another host, with cookies of its own), its
    /// link back, and the redirects after; returns the addresses visited and the last page.
    /// </summary>
    private async Task<(List<Uri> Hops, string Landing)> SignInThroughProviderAsync(ConsoleSession session, string returnUrl)
    {
        var hops = new List<Uri>();
        var answer = await session.PostFormAsync("/signin", "/signin?handler=Provider", new() { ["ReturnUrl"] = returnUrl });
        var page = await FollowAsync(session, answer, hops);
        Assert.Equal(provider.Issuer.Authority, hops[^1].Authority);
        hops.Add(TestIdentityProvider.WayBack(page));
        var landing = await FollowAsync(session, await session.Client.GetAsync(hops[^1], Token), hops);
        pages.Add(landing);
        return (hops, landing);
    }

    /// <summary>Follows redirects to a page, noting each address; returns the page.</summary>
    private static async Task<string> FollowAsync(ConsoleSession session, HttpResponseMessage answer, List<Uri> hops)
    {
        while (answer.StatusCode == HttpStatusCode.Redirect)
        {
            var next = new Uri(hops.LastOrDefault() ?? session.Client.BaseAddress!, answer.Headers.Location!);
            hops.Add(next);
            answer.Dispose();
            answer = await session.Client.GetAsync(next, Token);
        }

        using (answer)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return await answer.Content.ReadAsStringAsync(Token);
        }
    }

    private async Task<string> ReadAsync(ConsoleSession session, string path)
    {
        var text = await session.Client.GetStringAsync(path, Token);
        pages.Add(text);
        return text;
    }

    /// <summary>
    /// The client secret and the ID tokens the provider issued are in no page the console sent and no line it logged, nor
    /// is the callback's address with its authorization code (framework request logs stay out).
    /// </summary>
    private void AssertNoSecrets()
    {
        Assert.DoesNotContain(log, line => line.Contains("/signin-oidc?", StringComparison.Ordinal));
        Assert.NotEmpty(provider.IssuedTokens);
        foreach (var secret in provider.IssuedTokens.Append(TestIdentityProvider.ClientSecret))
        {
            Assert.DoesNotContain(pages, page => page.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(log, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        await provider.DisposeAsync();
        cli.Dispose();
    }
}
