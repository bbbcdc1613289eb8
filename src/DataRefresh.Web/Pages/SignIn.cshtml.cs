using DataRefresh.Core.Accounts;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>Sign-in with a local account, throttled; sign-out. Wrong name and wrong password read the same.</summary>
[AllowAnonymous]
public sealed class SignInModel(ConsoleContext console, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var name = Name?.Trim() ?? "";
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.BlockedUntil(name, address) is { } until)
        {
            console.Logger.Warning("Console: sign-in for {Account} from {Address} refused; too many failed attempts", name, address);
            Problem = $"Too many failed sign-ins for this account or from this address; try again after {until:HH:mm} UTC.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var account = name.Length == 0 ? null : await console.Store.FindAccountAsync(name, cancellationToken);
        // A missing account costs a hash too, so the answer's timing does not tell which names exist.
        var valid = PasswordHashing.Verify(Password ?? "", account?.PasswordHash ?? Decoy);
        if (account is null || !valid)
        {
            throttle.Failed(name, address);
            console.Logger.Warning("Console: failed sign-in for {Account} from {Address}", name, address);
            Problem = "That account name and password do not match.";
            return Page();
        }

        throttle.Succeeded(name);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleUser.Of(account));
        console.Logger.Information("Console: {Account} signed in from {Address}", account.Name, address);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/signin");
    }

    private static readonly string Decoy = PasswordHashing.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
