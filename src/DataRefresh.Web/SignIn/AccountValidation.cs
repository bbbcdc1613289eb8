using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace DataRefresh.Web.SignIn;

/// <summary>
/// Checks every signed-in request against the account as stored now: a removed account is signed out at its next
/// request, and changed roles apply at once (the cookie is reissued with them), so no one keeps rights taken away.
/// A person the identity provider signed in has no stored account: their roles are the provider's at sign-in, for at most
/// <see cref="ProviderSignIn.Lifetime"/>; they are signed out if a local account of their name appears, since names are
/// what runs, requests and snapshots are recorded under.
/// </summary>
internal static class AccountValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var console = context.HttpContext.RequestServices.GetRequiredService<ConsoleContext>();
        var account = name is null ? null : await console.Store.FindAccountAsync(name, context.HttpContext.RequestAborted);
        var fromProvider = context.Principal is { } principal && ConsoleUser.IsFromProvider(principal);
        var stillValid = fromProvider ? name is not null && account is null : account is not null;
        if (!stillValid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        if (account is not null && !ConsoleUser.Roles(context.Principal!).SequenceEqual(Core.Accounts.ConsoleRoles.All.Where(account.Roles.Contains)))
        {
            context.ReplacePrincipal(ConsoleUser.Of(account));
            context.ShouldRenew = true;
        }
    }
}
