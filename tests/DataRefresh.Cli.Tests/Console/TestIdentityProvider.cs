using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// A small OpenID Connect provider on a free loopback port, enough for the console's sign-in: discovery, its signing key,
/// an authorization endpoint that signs in <see cref="SignsInAs"/> on a page with one link back, and a token endpoint that redeems a
/// code only with the client's secret and the PKCE verifier, issuing an RS256 ID token with the request's nonce. Its
/// address uses the name <c>localhost</c> while the console's uses 127.0.0.1, so to a browser it is another site, as a
/// real provider is.
/// </summary>
internal sealed class TestIdentityProvider : IAsyncDisposable
{
    public const string ClientId = "datarefresh-console";
    public const string ClientSecret = "client-secret-of-the-test-4471";

    /// <summary>The link on the provider's page that sends the person back to the console.</summary>
    public const string ContinueLink = "idp-continue";

    private readonly WebApplication app;
    private readonly RSA publishedRsa = RSA.Create(2048);
    private readonly RSA unpublishedRsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> grants = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> issuedTokens = new();

    private TestIdentityProvider(WebApplication app) => this.app = app;

    /// <summary>http://localhost:&lt;port&gt;, once started.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The claims of whoever signs in next (besides iss, aud, sub, nonce and times).</summary>
    public Dictionary<string, object> SignsInAs { get; set; } = [];

    /// <summary>Signs ID tokens with a key it does not publish, as a forger would.</summary>
    public bool SignsWithUnpublishedKey { get; set; }

    /// <summary>Every ID token issued, to look for in what the console wrote.</summary>
    public IReadOnlyCollection<string> IssuedTokens => issuedTokens;

    /// <summary>The settings a console needs to sign in through this provider, with <paramref name="roles"/> as its role map.</summary>
    public OpenIdConnectSettings Settings(IReadOnlyDictionary<string, IReadOnlyList<string>>? roles = null)
    {
        var settings = new OpenIdConnectSettings(Issuer, ClientId, ClientSecret) { DisplayName = "Example IdP" };
        return roles is null ? settings : settings with { Roles = roles };
    }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var provider = new TestIdentityProvider(builder.Build());
        provider.Map();
        await provider.app.StartAsync(TestContext.Current.CancellationToken);
        provider.Issuer = new Uri($"http://localhost:{new Uri(ConsoleHost.Addresses(provider.app)[0]).Port}");
        return provider;
    }

    private string IssuerText => Issuer.GetLeftPart(UriPartial.Authority);

    private void Map()
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = IssuerText,
            ["authorization_endpoint"] = IssuerText + "/authorize",
            ["token_endpoint"] = IssuerText + "/token",
            ["jwks_uri"] = IssuerText + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var key = JsonWebKeyConverter.ConvertFromRSASecurityKey(Key(publishedRsa));
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = key.Kid, n = key.N, e = key.E } } });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", RedeemAsync);
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"] != ClientId || query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
        {
            return Results.BadRequest("not an authorization code request with PKCE from the known client");
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        grants[code] = new Grant(query["redirect_uri"]!, query["nonce"]!, query["code_challenge"]!, new Dictionary<string, object>(SignsInAs));
        // A page of the provider's own sends the person back, as a real provider's sign-in page does: to a browser the way
        // back then starts at the provider's site, not at the console.
        var back = $"{query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(query["state"]!)}";
        return Results.Content($"<!DOCTYPE html><title>Example IdP</title><a id=\"{ContinueLink}\" href=\"{WebUtility.HtmlEncode(back)}\">Continue</a>", "text/html");
    }

    /// <summary>The address the provider's page sends the person back to.</summary>
    public static Uri WayBack(string page) =>
        new(WebUtility.HtmlDecode(Regex.Match(page, $"id=\"{ContinueLink}\" href=\"([^\"]+)\"").Groups[1].Value));

    private async Task<IResult> RedeemAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!grants.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri || Challenge(form["code_verifier"].ToString()) != grant.CodeChallenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        // The console checks lifetimes against the real clock (IdentityModel reads no TimeProvider), so tokens are issued by it.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(grant.Claims) { ["nonce"] = grant.Nonce, ["sub"] = "subject-" + grant.Claims.GetValueOrDefault("preferred_username", "unnamed") };
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerText,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(Key(SignsWithUnpublishedKey ? unpublishedRsa : publishedRsa), SecurityAlgorithms.RsaSha256),
        });
        issuedTokens.Enqueue(idToken);
        return Results.Json(new { access_token = "access-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    /// <summary>Both keys carry the same id, so a forged token names the published one.</summary>
    private static RsaSecurityKey Key(RSA rsa) => new(rsa) { KeyId = "test-key" };

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        publishedRsa.Dispose();
        unpublishedRsa.Dispose();
    }

    private sealed record Grant(string RedirectUri, string Nonce, string CodeChallenge, Dictionary<string, object> Claims);
}
