using DataRefresh.Core.Accounts;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Web.Hosting;

/// <summary>
/// <c>DataRefresh:Web:OpenIdConnect</c>: sign-in through an organisation's identity provider (authorization code flow
/// with PKCE). Who a person is comes from <see cref="NameClaim"/> of the ID token, what they may do from the values of
/// <see cref="RoleClaim"/> mapped to console roles by <see cref="Roles"/>. The client secret is a secret: it is never
/// printed (see <see cref="ToString"/>); give it in an environment variable
/// (<c>DataRefresh__Web__OpenIdConnect__ClientSecret</c>) rather than in the file.
/// </summary>
public sealed record OpenIdConnectSettings(Uri Authority, string ClientId, string? ClientSecret)
{
    public const string Section = ConsoleSettings.Section + ":OpenIdConnect";

    private static readonly string[] Known = ["Authority", "ClientId", "ClientSecret", "DisplayName", "NameClaim", "RoleClaim", "Roles", "Scopes"];

    /// <summary>What the sign-in page's button says: "Sign in with …".</summary>
    public string DisplayName { get; init; } = "your organisation";

    /// <summary>The claim that names the person; without it in a token, <c>email</c> is used, and without both the sign-in is refused.</summary>
    public string NameClaim { get; init; } = "preferred_username";

    public string RoleClaim { get; init; } = "roles";

    /// <summary>For each console role, the values of <see cref="RoleClaim"/> that grant it; by default the role's own name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; init; } =
        ConsoleRoles.All.ToDictionary(role => role, role => (IReadOnlyList<string>)[role], StringComparer.Ordinal);

    /// <summary>Scopes asked for besides <c>openid profile email</c> (some providers put groups or roles behind one).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Metadata over plain http is only for a provider on this machine's loopback (a test or development provider).</summary>
    public bool RequireHttpsMetadata => Authority.Scheme == Uri.UriSchemeHttps || !Authority.IsLoopback;

    /// <summary>The console roles <paramref name="values"/> of the role claim grant, in the usual order.</summary>
    public IReadOnlyList<string> RolesOf(IEnumerable<string> values)
    {
        var given = values.ToHashSet(StringComparer.Ordinal);
        return [.. ConsoleRoles.All.Where(role => Roles.TryGetValue(role, out var granting) && granting.Any(given.Contains))];
    }

    /// <summary>Never the secret: settings may be logged or shown in an error.</summary>
    public override string ToString() => $"OpenID Connect at {Authority} as client {ClientId}";

    /// <summary>The section's settings, or null when it is absent; each mistake is exit 3 naming the key.</summary>
    public static OpenIdConnectSettings? Load(IConfigurationSection section, string origin)
    {
        if (!section.Exists())
        {
            return null;
        }

        UnknownSettings.Refuse(section, Known, origin);
        UnknownSettings.Refuse(section.GetSection("Roles"), ConsoleRoles.All, origin, key => $"'{key}' is not a console role; map provider values to {string.Join(", ", ConsoleRoles.All)}");
        var authority = Required(section, "Authority", origin);
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw Refused(origin, "Authority", "is not an address such as https://login.example.com/realms/company (the issuer of the ID tokens)");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw Refused(origin, "Authority", "is an http:// address; an identity provider is reached over https (plain http only on this machine's loopback, for a test provider)");
        }

        var settings = new OpenIdConnectSettings(uri, Required(section, "ClientId", origin), section["ClientSecret"] is { Length: > 0 } secret ? secret : null)
        {
            DisplayName = Optional(section, "DisplayName") ?? "your organisation",
            NameClaim = Optional(section, "NameClaim") ?? "preferred_username",
            RoleClaim = Optional(section, "RoleClaim") ?? "roles",
            Scopes = [.. Values(section.GetSection("Scopes")).SelectMany(scope => scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
        };
        var roles = section.GetSection("Roles");
        if (roles.Exists())
        {
            var map = ConsoleRoles.All.ToDictionary(role => role, role => Values(roles.GetSection(role)), StringComparer.Ordinal);
            if (map.Values.All(values => values.Count == 0))
            {
                throw Refused(origin, "Roles", "grants no role; list, under dba, developer or reviewer, the values of the role claim that grant it");
            }

            settings = settings with { Roles = map };
        }

        return settings;
    }

    private static string Required(IConfigurationSection section, string key, string origin) =>
        Optional(section, key) ?? throw Refused(origin, key, "is missing; the console cannot sign anyone in through OpenID Connect without it");

    private static string? Optional(IConfigurationSection section, string key) => section[key] is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    /// <summary>A list (<c>Key:0</c>, <c>Key:1</c>) or one value (a group name may hold spaces, so a text is not split).</summary>
    private static IReadOnlyList<string> Values(IConfigurationSection section) =>
        [.. (section.Value is { } text ? [text] : section.GetChildren().Select(child => child.Value ?? "")).Select(value => value.Trim()).Where(value => value.Length > 0).Distinct(StringComparer.Ordinal)];

    private static DataRefreshException Refused(string origin, string key, string what) =>
        new(ExitCodes.Configuration, $"{Section}:{key} in {origin} {what}.");
}
