using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Web.Hosting;

/// <summary>
/// <c>DataRefresh:Web</c>: where the console listens, and how <c>/metrics</c> is reached without a sign-in — on addresses
/// of its own (<c>Metrics:Urls</c>, for a scrape network) or with a bearer token (<c>Metrics:Token</c>). Without either,
/// <c>/metrics</c> is not served. <c>OpenIdConnect</c> adds sign-in through an identity provider beside local accounts.
/// Keys this build does not know are refused by name.
/// </summary>
public sealed record ConsoleSettings(IReadOnlyList<string> Urls, IReadOnlyList<string> MetricsUrls, string? MetricsToken)
{
    public const string Section = "DataRefresh:Web";

    private static readonly string[] Known = ["Urls", "Metrics", "OpenIdConnect", "TrustedProxies"];
    private static readonly string[] KnownMetrics = ["Urls", "Token"];

    public bool ServesMetrics => MetricsUrls.Count > 0 || MetricsToken is not null;

    /// <summary>Sign-in through an identity provider, or null for local accounts only.</summary>
    public OpenIdConnectSettings? OpenIdConnect { get; init; }

    /// <summary>
    /// Reverse proxies (addresses or networks) whose X-Forwarded-For, -Proto and -Host headers the console believes: behind
    /// a proxy that ends TLS, cookies are then Secure, the identity provider is given the public https address, and
    /// sign-ins are throttled per client. Headers from anyone else are ignored.
    /// </summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>The settings, with <paramref name="urls"/> (a command-line <c>--web</c>) in place of <c>Urls</c> when given.</summary>
    public static ConsoleSettings Load(IConfiguration configuration, string origin, string? urls = null)
    {
        var section = configuration.GetSection(Section);
        Refuse(section, Known, origin);
        Refuse(section.GetSection("Metrics"), KnownMetrics, origin);
        var token = section["Metrics:Token"];
        if (token is not null && token.Length < 16)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{Section}:Metrics:Token in {origin} is shorter than 16 characters; use a long random token (e.g. openssl rand -hex 24).");
        }

        var settings = new ConsoleSettings(urls is null ? Addresses(section.GetSection("Urls")) : Split(urls), Addresses(section.GetSection("Metrics:Urls")), token)
        {
            OpenIdConnect = OpenIdConnectSettings.Load(section.GetSection("OpenIdConnect"), origin),
            TrustedProxies = [.. Addresses(section.GetSection("TrustedProxies")).Select(proxy => Network(proxy, origin))],
        };
        foreach (var url in settings.Urls.Concat(settings.MetricsUrls))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new DataRefreshException(ExitCodes.Configuration, $"'{url}' in {Section} ({origin}, or --web) is not an http:// or https:// address such as http://127.0.0.1:8080.");
            }
        }

        if (settings.MetricsUrls.Intersect(settings.Urls, StringComparer.OrdinalIgnoreCase).FirstOrDefault() is { } shared)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{Section}:Metrics:Urls in {origin} repeats the console's address {shared}; metrics need an address of their own (or a Metrics:Token).");
        }

        return settings;
    }

    /// <summary>Never the metrics token or the client secret.</summary>
    public override string ToString() => $"console at {string.Join(", ", Urls)}";

    /// <summary>Addresses written as one text separated by ';' (as ASP.NET Core's urls) or as a list (<c>Urls:0</c>, <c>Urls:1</c>).</summary>
    private static IReadOnlyList<string> Addresses(IConfigurationSection section) =>
        section.Value is { } text ? Split(text) : [.. section.GetChildren().SelectMany(child => Split(child.Value ?? ""))];

    /// <summary>"10.0.0.5" (one address) or "10.0.0.0/24" (a network).</summary>
    private static System.Net.IPNetwork Network(string proxy, string origin) =>
        System.Net.IPNetwork.TryParse(proxy, out var network) ? network
        : System.Net.IPAddress.TryParse(proxy, out var address) ? new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8)
        : throw new DataRefreshException(ExitCodes.Configuration, $"'{proxy}' in {Section}:TrustedProxies ({origin}) is not an IP address or network such as 10.0.0.5 or 10.0.0.0/24.");

    private static IReadOnlyList<string> Split(string urls) => [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Refuse(IConfigurationSection section, string[] known, string origin) =>
        UnknownSettings.Refuse(section, known, origin, key => key.Equals("Oidc", StringComparison.OrdinalIgnoreCase)
            ? $"OpenID Connect is set under {OpenIdConnectSettings.Section}"
            : null);
}
