using System.Security.Claims;
using DataRefresh.Core.Accounts;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DataRefresh.Web.SignIn;

/// <summary>The signed-in person as the cookie carries them: the account name and a role claim per role.</summary>
public static class ConsoleUser
{
    public static ClaimsPrincipal Of(ConsoleAccount account) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Name), .. account.Roles.Select(role => new Claim(ClaimTypes.Role, role))],
            CookieAuthenticationDefaults.AuthenticationScheme));

    public static IReadOnlyList<string> Roles(ClaimsPrincipal user) => [.. ConsoleRoles.All.Where(user.IsInRole)];

    /// <summary>Who asked, for trigger requests and the audit: "console:&lt;name&gt;".</summary>
    public static string RequestedBy(ClaimsPrincipal user) => "console:" + user.Identity?.Name;
}
