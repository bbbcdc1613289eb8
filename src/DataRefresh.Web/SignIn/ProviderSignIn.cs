using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace DataRefresh.Web.SignIn;

/// <summary>
/// Sign-in through the organisation's identity provider: the authorization code flow with PKCE, the code returned in the
/// query of <see cref="CallbackPath"/>. The ID token is checked by ASP.NET Core (issuer, audience, signature from the
/// provider's published keys, lifetime, nonce); this class then decides who the person is and which console roles they
/// hold, and refuses — with a reason on the sign-in page and in the log, never a token — anyone it cannot place.
/// Tokens are not kept: the console calls nothing on the person's behalf.
/// </summary>
internal static class ProviderSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>Where the provider sends people back; registered at the provider as the redirect URI.</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>How long a provider's sign-in lasts at most (no sliding): then the provider is asked again, and decides again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private static readonly string[] StandardScopes = ["openid", "profile", "email"];

    /// <summary>Why a sign-in was refused, as <c>/signin?refused=</c> carries it.</summary>
    public static class Refusal
    {
        public const string Failed = "failed";
        public const string NoName = "no-name";
        public const string NoRole = "no-role";
        public const string LocalName = "local-name";
    }

    public static void Add(AuthenticationBuilder authentication, OpenIdConnectSettings settings) =>
        authentication.AddOpenIdConnect(Scheme, settings.DisplayName, options =>
        {
            options.Authority = settings.Authority.ToString();
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // The code comes back in a plain top-level GET, so the correlation and nonce cookies can be SameSite=Lax
            // (form_post would need SameSite=None, which browsers refuse without https).
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CallbackPath = CallbackPath;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in StandardScopes.Concat(settings.Scopes).Distinct(StringComparer.Ordinal))
            {
                options.Scope.Add(scope);
            }

            foreach (var cookie in new[] { options.CorrelationCookie, options.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.Lax;
                cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.HttpOnly = true;
            }

            options.Events.OnTokenValidated = context => AdmitAsync(context, settings);
            options.Events.OnRemoteFailure = Failed;
        });

    /// <summary>The person the token names, with the console roles its role claim grants, or a refusal.</summary>
    private static async Task AdmitAsync(TokenValidatedContext context, OpenIdConnectSettings settings)
    {
        var console = context.HttpContext.RequestServices.GetRequiredService<ConsoleContext>();
        var address = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var claims = context.Principal!;
        var name = (claims.FindFirst(settings.NameClaim) ?? claims.FindFirst("email"))?.Value.Trim();
        if (string.IsNullOrEmpty(name))
        {
            console.Logger.Warning("Console: sign-in through OpenID Connect from {Address} refused; the ID token has no {NameClaim} or email claim", address, settings.NameClaim);
            Refuse(context, Refusal.NoName);
            return;
        }

        var roles = settings.RolesOf(claims.FindAll(settings.RoleClaim).Select(claim => claim.Value));
        if (roles.Count == 0)
        {
            console.Logger.Warning("Console: sign-in of {Account} through OpenID Connect refused; its {RoleClaim} claim grants no console role", name, settings.RoleClaim);
            Refuse(context, Refusal.NoRole);
            return;
        }

        if (await console.Store.FindAccountAsync(name, context.HttpContext.RequestAborted) is not null)
        {
            console.Logger.Warning("Console: sign-in of {Account} through OpenID Connect refused; a local account has that name", name);
            Refuse(context, Refusal.LocalName);
            return;
        }

        context.Principal = ConsoleUser.FromProvider(name, roles);
        context.Properties!.IsPersistent = false;
        context.Properties.AllowRefresh = false;
        context.Properties.ExpiresUtc = console.Time.GetUtcNow() + Lifetime;
        console.Logger.Information("Console: {Account} ({Roles}) signed in through OpenID Connect from {Address}", name, string.Join(", ", roles), address);
    }

    /// <summary>
    /// The provider said no, the code could not be redeemed, or the token did not check out: back to the sign-in page with
    /// one sentence. The log gets the first line of the handler's message, which names the check that failed (token
    /// contents are hidden by IdentityModel in any case).
    /// </summary>
    private static Task Failed(RemoteFailureContext context)
    {
        var console = context.HttpContext.RequestServices.GetRequiredService<ConsoleContext>();
        var reason = context.Failure?.Message.Split('\n', 2)[0].Trim() ?? "no reason given";
        console.Logger.Warning("Console: a sign-in through OpenID Connect failed: {Reason}", reason);
        Refuse(context, Refusal.Failed);
        return Task.CompletedTask;
    }

    /// <summary>Back to the sign-in page, which says why; the handler signs no one in.</summary>
    private static void Refuse<TOptions>(HandleRequestContext<TOptions> context, string refusal)
        where TOptions : AuthenticationSchemeOptions
    {
        context.Response.Redirect("/signin?refused=" + refusal);
        context.HandleResponse();
    }
}
