using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace DataRefresh.Web.SignIn;

/// <summary>
/// Checks every signed-in request against the account as stored now: a removed account is signed out at its next
/// request, and changed roles apply at once (the cookie is reissued with them), so no one keeps rights taken away.
/// </summary>
internal static class AccountValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var console = context.HttpContext.RequestServices.GetRequiredService<ConsoleContext>();
        var account = name is null ? null : await console.Store.FindAccountAsync(name, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (!ConsoleUser.Roles(context.Principal!).SequenceEqual(Core.Accounts.ConsoleRoles.All.Where(account.Roles.Contains)))
        {
            context.ReplacePrincipal(ConsoleUser.Of(account));
            context.ShouldRenew = true;
        }
    }
}
