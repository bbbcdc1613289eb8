using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataRefresh.Web.Pages;

/// <summary>
/// Where the identity provider's sign-in lands: a page that opens the page asked for from here. The console's cookie is
/// SameSite=Strict, and a browser does not send it on a redirect chain that began at the provider's site; a navigation
/// this page starts is the console's own, so the cookie goes with it. Only local addresses are followed.
/// </summary>
[AllowAnonymous]
public sealed class SignInContinueModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
