using System.Security.Claims;
using DataRefresh.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DataRefresh.Web.SignIn;

/// <summary>
/// The signed-in person as the cookie carries them: the name and a role claim per role, and — for a person the identity
/// provider vouched for — a mark saying so, since such a person has no local account to check requests against.
/// </summary>
public static class ConsoleUser
{
    private const string SignedInThrough = "datarefresh:signed-in-through";
    private const string Provider = "openid-connect";

    public static ClaimsPrincipal Of(ConsoleAccount account) => Of(account.Name, account.Roles);

    /// <summary>A person the identity provider signed in, with the roles its claims grant.</summary>
    public static ClaimsPrincipal FromProvider(string name, IReadOnlyList<string> roles) => Of(name, roles, new Claim(SignedInThrough, Provider));

    public static bool IsFromProvider(ClaimsPrincipal user) => user.HasClaim(SignedInThrough, Provider);

    public static IReadOnlyList<string> Roles(ClaimsPrincipal user) => [.. ConsoleRoles.All.Where(user.IsInRole)];

    /// <summary>Who asked, for trigger requests and the audit: "console:&lt;name&gt;".</summary>
    public static string RequestedBy(ClaimsPrincipal user) => "console:" + user.Identity?.Name;

    private static ClaimsPrincipal Of(string name, IEnumerable<string> roles, params Claim[] more) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), .. roles.Select(role => new Claim(ClaimTypes.Role, role)), .. more],
            CookieAuthenticationDefaults.AuthenticationScheme));
}
