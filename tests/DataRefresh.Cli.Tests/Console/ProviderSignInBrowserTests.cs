using DataRefresh.Core.Accounts;
using DataRefresh.Testing;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// A real headless Chromium signs in through <see cref="TestIdentityProvider"/>, which it sees as another site (localhost
/// against the console's 127.0.0.1), as a real provider is: the way back starts on the provider's page, and the console's
/// SameSite=Strict cookie must still be sent once its redirects end, so that the page first asked for opens. Screenshot: <c>console-sign-in-provider.png</c>.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ProviderSignInBrowserTests : IAsyncLifetime
{
    private readonly CliRunner cli = new();
    private TestIdentityProvider provider = null!;
    private ConsoleTestServer server = null!;
    private ChromeDriver browser = null!;

    public async ValueTask InitializeAsync()
    {
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "prod.db")}", true), ("staging", "Sqlite", $"Data Source={Path.Combine(cli.Folder, "staging.db")}", false));
        provider = await TestIdentityProvider.StartAsync();
        server = await ConsoleTestServer.StartAsync(cli, ConsoleTestServer.Settings with { OpenIdConnect = provider.Settings() });
        browser = HeadlessChromium.Start(Path.Combine(cli.Folder, "chromium-profile"));
    }

    [Fact]
    public void A_person_signs_in_through_the_provider_lands_on_the_page_asked_for_and_signs_out()
    {
        provider.SignsInAs = new() { ["preferred_username"] = "olga@example.com", ["roles"] = new[] { ConsoleRoles.Dba, ConsoleRoles.Reviewer } };

        Open("/rules");
        Assert.EndsWith("/signin?ReturnUrl=%2Frules", browser.Url, StringComparison.Ordinal);
        HeadlessChromium.Screenshot(browser, "sign-in-provider", Path.Combine(cli.Folder, "screenshots"));
        browser.FindElement(By.Id("sign-in-provider")).Click();
        browser.FindElement(By.Id(TestIdentityProvider.ContinueLink)).Click();

        // Waits (implicitly) for the console's page after the provider's round trip.
        Assert.True(browser.FindElements(By.Id("signed-in-as")) is [var signedIn] && signedIn.Text == "olga@example.com (dba, reviewer)", $"not signed in at {browser.Url}: {browser.FindElement(By.TagName("main")).Text}");
        Assert.Equal(new Uri(server.Address, "/rules"), new Uri(browser.Url));

        browser.FindElement(By.Id("sign-out")).Click();
        Assert.NotNull(browser.FindElement(By.Id("sign-in-provider")));
        Open("/schedule");
        Assert.EndsWith("/signin?ReturnUrl=%2Fschedule", browser.Url, StringComparison.Ordinal);
    }

    private void Open(string path) => browser.Navigate().GoToUrl(new Uri(server.Address, path));

    public async ValueTask DisposeAsync()
    {
        browser?.Quit();
        browser?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        cli.Dispose();
    }
}
