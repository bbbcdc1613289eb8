using DataRefresh.Web.Api;
using DataRefresh.Web.Metrics;
using DataRefresh.Web.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

namespace DataRefresh.Web.Hosting;

/// <summary>
/// The web console as an ASP.NET Core application: server-rendered Razor Pages for people, <c>/api</c> for scripts,
/// <c>/metrics</c> for Prometheus. Every page and API call needs a signed-in account (cookie: HttpOnly, SameSite=Strict,
/// Secure over https), from a local account or the organisation's identity provider (OpenID Connect, when configured);
/// every form carries an anti-forgery token; failed sign-ins are throttled.
/// </summary>
public static class ConsoleHost
{
    public const string CookieName = "datarefresh.console";

    public static WebApplication Build(ConsoleContext context, ConsoleSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConsoleHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.WebHost.UseUrls([.. settings.Urls, .. settings.MetricsUrls]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(context.Logger);
        // Framework request logs stay out: the console's own lines say what matters, without query strings (a sign-in's
        // callback carries an authorization code in its query). The filter names Serilog's provider because AddSerilog
        // adds a rule of its own for that provider, which would win over a rule for every provider.
        builder.Logging.AddFilter<Serilog.Extensions.Logging.SerilogLoggerProvider>("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning);

        builder.Services.AddSingleton(context);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(context.Time);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<ConsoleMetrics>();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/SignInContinue");
            options.Conventions.AllowAnonymousToPage("/Denied");
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = ConsoleApi.AntiforgeryHeader;
            options.Cookie.Name = "datarefresh.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        var authentication = builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/denied";
                options.Events.OnValidatePrincipal = AccountValidation.ValidateAsync;
                // Scripts get a status code, not a redirect to a page.
                options.Events.OnRedirectToLogin = redirect => ApiOrRedirect(redirect.HttpContext, StatusCodes.Status401Unauthorized, redirect.RedirectUri);
                options.Events.OnRedirectToAccessDenied = redirect => ApiOrRedirect(redirect.HttpContext, StatusCodes.Status403Forbidden, redirect.RedirectUri);
            });
        if (settings.OpenIdConnect is { } provider)
        {
            ProviderSignIn.Add(authentication, provider);
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var app = builder.Build();
        if (settings.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(ForwardedBy(settings.TrustedProxies));
        }

        app.Use(SecurityHeaders(settings));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapGet("/console.css", () => Results.Text(ConsoleAssets.Css, "text/css")).AllowAnonymous();
        ConsoleApi.Map(app);
        SnapshotDownload.Map(app);
        ConsoleMetrics.Map(app, settings);
        return app;
    }

    /// <summary>The addresses the console listens on once started (port 0 in the settings becomes the one chosen).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses];

    private static Task ApiOrRedirect(HttpContext context, int status, string redirectUri)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Only the given proxies are believed (ASP.NET Core would otherwise trust any loopback address).</summary>
    private static ForwardedHeadersOptions ForwardedBy(IReadOnlyList<System.Net.IPNetwork> proxies)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownIPNetworks.Add(proxy);
        }

        return options;
    }

    /// <summary>
    /// No framing, no scripts, no inline styles, no referrer: the pages need none of them. Forms post to the console only;
    /// the sign-in page's may also lead to the identity provider, since browsers hold a form's redirects to form-action.
    /// </summary>
    private static Func<HttpContext, Func<Task>, Task> SecurityHeaders(ConsoleSettings settings)
    {
        const string policy = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        var signInPolicy = settings.OpenIdConnect is { } provider ? $"{policy} {provider.Authority.GetLeftPart(UriPartial.Authority)}" : policy;
        return (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase) ? signInPolicy : policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return next();
        };
    }
}
