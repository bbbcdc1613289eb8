using System.Net;
using System.Web;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// Behind a reverse proxy that ends TLS: X-Forwarded-Proto, -Host and -For count only when they come from an address in
/// <c>DataRefresh:Web:TrustedProxies</c> — then the sign-in cookie is Secure, the identity provider is told the public
/// https address, and the log names the client; from anyone else they change nothing.
/// </summary>
public sealed class TrustedProxyTests : IDisposable
{
    private readonly CliRunner cli = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwarded_headers_count_only_from_a_trusted_proxy(bool trusted)
    {
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "prod.db")}", true));
        await using var provider = await TestIdentityProvider.StartAsync();
        var log = new List<string>();
        var settings = ConsoleTestServer.Settings with { OpenIdConnect = provider.Settings(), TrustedProxies = trusted ? [IPNetwork.Parse("127.0.0.0/8")] : [] };
        await using var server = await ConsoleTestServer.StartAsync(cli, settings, new Serilog.LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger());
        using var client = server.NewClient();

        using var signIn = await PostThroughProxyAsync(client, "/signin", new() { ["Name"] = "dana", ["Password"] = ConsoleTestServer.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith(Web.Hosting.ConsoleHost.CookieName + "=", StringComparison.Ordinal));
        Assert.Equal(trusted, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(log, line => line.Contains("dana signed in from " + (trusted ? "203.0.113.7" : "127.0.0.1"), StringComparison.Ordinal));

        using var challenge = await PostThroughProxyAsync(client, "/signin?handler=Provider", new() { ["ReturnUrl"] = "/" });
        var redirectUri = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query)["redirect_uri"];
        Assert.Equal(trusted ? "https://console.example.com/signin-oidc" : new Uri(server.Address, "/signin-oidc").ToString(), redirectUri);
    }

    /// <summary>Posts a form of the sign-in page as a proxy passes it on for https://console.example.com and client 203.0.113.7.</summary>
    private static async Task<HttpResponseMessage> PostThroughProxyAsync(HttpClient client, string action, Dictionary<string, string> fields)
    {
        // The page is fetched directly, so that its anti-forgery cookie is not Secure and goes back over this plain http.
        fields["__RequestVerificationToken"] = ConsoleSession.FormToken(await client.GetStringAsync("/signin", Token));
        using var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("X-Forwarded-Host", "console.example.com");
        post.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await client.SendAsync(post, Token);
    }

    public void Dispose() => cli.Dispose();
}
