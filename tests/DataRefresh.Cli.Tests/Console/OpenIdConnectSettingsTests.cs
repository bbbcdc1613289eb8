using DataRefresh.Core.Errors;
using DataRefresh.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Cli.Tests.Console;

/// <summary><c>DataRefresh:Web:OpenIdConnect</c> as read from settings: what it takes, its defaults, and each mistake refused by name.</summary>
public sealed class OpenIdConnectSettingsTests
{
    private const string Secret = "the-client-secret-0042";

    [Fact]
    public void The_settings_read_with_a_role_map_scopes_and_defaults_and_never_print_the_secret()
    {
        var settings = Load(new()
        {
            ["Authority"] = "https://login.example.com/realms/company",
            ["ClientId"] = "datarefresh",
            ["ClientSecret"] = Secret,
            ["DisplayName"] = "Company SSO",
            ["RoleClaim"] = "groups",
            ["Roles:dba:0"] = "DBA Team",
            ["Roles:dba:1"] = "Platform",
            ["Roles:reviewer"] = "Data Protection Office",
            ["Scopes"] = "groups offline_access",
        })!;

        Assert.Equal(new Uri("https://login.example.com/realms/company"), settings.Authority);
        Assert.True(settings.RequireHttpsMetadata);
        Assert.Equal("preferred_username", settings.NameClaim);
        Assert.Equal(["groups", "offline_access"], settings.Scopes);
        Assert.Equal(["dba", "reviewer"], settings.RolesOf(["Platform", "Data Protection Office", "Sales"]));
        Assert.Empty(settings.RolesOf(["dba", "developer"]));
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, new ConsoleSettings([], [], null) { OpenIdConnect = settings }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_role_map_the_roles_claim_names_console_roles_and_a_loopback_provider_may_use_http()
    {
        var settings = Load(new() { ["Authority"] = "http://localhost:8180/realms/test", ["ClientId"] = "datarefresh" })!;

        Assert.Null(settings.ClientSecret);
        Assert.False(settings.RequireHttpsMetadata);
        Assert.Equal(["dba", "developer"], settings.RolesOf(["developer", "dba", "admin"]));
        Assert.Null(Load([]));
    }

    [Theory]
    [InlineData("ClientId", "datarefresh", "DataRefresh:Web:OpenIdConnect:Authority in appsettings.json is missing; the console cannot sign anyone in through OpenID Connect without it.")]
    [InlineData("Authority", "http://login.example.com", "DataRefresh:Web:OpenIdConnect:Authority in appsettings.json is an http:// address; an identity provider is reached over https (plain http only on this machine's loopback, for a test provider).")]
    [InlineData("Authority", "login.example.com", "DataRefresh:Web:OpenIdConnect:Authority in appsettings.json is not an address such as https://login.example.com/realms/company (the issuer of the ID tokens).")]
    [InlineData("Roles:admin", "Admins", "DataRefresh:Web:OpenIdConnect:Roles:admin in appsettings.json is not a setting this datarefresh knows: 'admin' is not a console role; map provider values to dba, developer, reviewer.")]
    [InlineData("Roles:dba", "", "DataRefresh:Web:OpenIdConnect:Roles in appsettings.json grants no role; list, under dba, developer or reviewer, the values of the role claim that grant it.")]
    [InlineData("ResponseMode", "form_post", "DataRefresh:Web:OpenIdConnect:ResponseMode in appsettings.json is not a setting this datarefresh knows: the keys here are Authority, ClientId, ClientSecret, DisplayName, NameClaim, RoleClaim, Roles, Scopes.")]
    public void Each_mistake_is_refused_by_name_with_exit_3(string key, string value, string message)
    {
        var given = new Dictionary<string, string?> { ["ClientId"] = "datarefresh", ["Authority"] = "https://login.example.com", [key] = value };
        if (key == "ClientId")
        {
            given.Remove("Authority");
        }

        var refused = Assert.Throws<DataRefreshException>(() => Load(given));

        Assert.Equal(ExitCodes.Configuration, refused.ExitCode);
        Assert.Equal(message, refused.Message);
    }

    private static OpenIdConnectSettings? Load(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(pair => $"{OpenIdConnectSettings.Section}:{pair.Key}", pair => pair.Value))
            .Build();
        return ConsoleSettings.Load(configuration, "appsettings.json").OpenIdConnect;
    }
}
