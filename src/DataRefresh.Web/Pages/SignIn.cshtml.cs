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

/// <summary>
/// Sign-in with a local account, throttled, or through the identity provider when one is configured; sign-out. Wrong name
/// and wrong password read the same.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(ConsoleContext console, ConsoleSettings settings, SignInThrottle throttle) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the identity provider's sign-in was refused (<see cref="ProviderSignIn.Refusal"/>), as it sends people back.</summary>
    [BindProperty(Name = "refused", SupportsGet = true)]
    public string? Refused { get; set; }

    public string? Problem { get; private set; }

    public OpenIdConnectSettings? Provider => settings.OpenIdConnect;

    /// <summary>Where to go once signed in: the page asked for when it is the console's own, else Runs.</summary>
    private string LocalReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public void OnGet() => Problem = Refused is null || Provider is null ? null : RefusalSentence(Refused, Provider);

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
        return LocalRedirect(LocalReturnUrl);
    }

    /// <summary>
    /// Off to the identity provider. It comes back to <c>/signin/continue</c>, a page of ours that then opens the page asked
    /// for: the sign-in cookie is SameSite=Strict, so a browser would not send it on the provider's redirect chain.
    /// </summary>
    public IActionResult OnPostProvider()
    {
        if (Provider is null)
        {
            return NotFound();
        }

        var continueAt = "/signin/continue?ReturnUrl=" + Uri.EscapeDataString(LocalReturnUrl);
        return Challenge(new AuthenticationProperties { RedirectUri = continueAt }, ProviderSignIn.Scheme);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/signin");
    }

    private static string RefusalSentence(string refusal, OpenIdConnectSettings provider) => refusal switch
    {
        ProviderSignIn.Refusal.NoRole => $"{provider.DisplayName} signed you in but grants you none of the console's roles ({string.Join(", ", ConsoleRoles.All)}); ask whoever manages it to grant you one.",
        ProviderSignIn.Refusal.NoName => $"{provider.DisplayName} did not say who you are (no {provider.NameClaim} or email claim); a DBA can set {OpenIdConnectSettings.Section}:NameClaim.",
        ProviderSignIn.Refusal.LocalName => $"A local account has the name {provider.DisplayName} gives you; a DBA must remove it (datarefresh user remove) before you sign in through {provider.DisplayName}.",
        _ => $"Sign-in through {provider.DisplayName} did not succeed; try again, and if it fails again ask a DBA to read the console's log.",
    };

    private static readonly string Decoy = PasswordHashing.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
