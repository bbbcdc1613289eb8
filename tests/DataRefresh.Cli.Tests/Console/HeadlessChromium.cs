using DataRefresh.Testing;
using OpenQA.Selenium.Chrome;

namespace DataRefresh.Cli.Tests.Console;

/// <summary>
/// Debian's Chromium driven by Debian's ChromeDriver through Selenium: no browser download, no network. The flags keep
/// Chromium from reaching out (this machine's network is closed) and let it run as root in a container.
/// </summary>
internal static class HeadlessChromium
{
    private const string Browser = "/usr/bin/chromium";
    private const string Driver = "/usr/bin/chromedriver";

    /// <summary>
    /// A driver, or a skip (a failure on CI) naming what is missing; tests/run.sh installs both packages. Downloads land in
    /// <c>downloads</c> beside the profile, without asking.
    /// </summary>
    public static ChromeDriver Start(string profileFolder)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            MachineRequirement.Missing($"the browser test needs Debian's chromium and chromium-driver ({Browser}, {Driver}); tests/run.sh installs them");
        }

        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
            $"--user-data-dir={profileFolder}");
        options.AddUserProfilePreference("download.default_directory", DownloadsOf(profileFolder));
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver), Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        // A sign-in hashes its password on purpose slowly: elements are waited for, not expected at once.
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(15);
        return driver;
    }

    /// <summary>
    /// Saves what <paramref name="browser"/> shows as <c>console-&lt;name&gt;.png</c>: into DATAREFRESH_SCREENSHOTS when set
    /// (docs/console.md's pictures), else into <paramref name="folder"/>.
    /// </summary>
    public static void Screenshot(ChromeDriver browser, string name, string folder)
    {
        var shot = browser.GetScreenshot();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], shot.AsByteArray[..4]);
        folder = Environment.GetEnvironmentVariable("DATAREFRESH_SCREENSHOTS") is { Length: > 0 } wanted ? wanted : folder;
        Directory.CreateDirectory(folder);
        shot.SaveAsFile(Path.Combine(folder, $"console-{name}.png"));
    }

    public static string DownloadsOf(string profileFolder) => Path.Combine(Path.GetDirectoryName(profileFolder)!, "downloads");
}
