using System.Diagnostics;
using System.Text.RegularExpressions;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The .NET tool as users install it: <c>dotnet pack</c> makes the package, <c>dotnet tool install</c> installs it from a
/// local folder (no other package source) into a temporary tool path, and the installed <c>datarefresh</c> prints its
/// version and runs the demo from an empty folder.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed partial class ToolPackageTests(PostgreSqlServerFixture server) : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-tool-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_packed_tool_installs_prints_its_version_and_runs_the_demo_from_an_empty_folder()
    {
        // The demo starts its own PostgreSQL from the server binaries the test run provides.
        server.RequireServer();
        var packages = Path.Combine(folder, "packages");
        var tools = Path.Combine(folder, "tools");
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;
        var nugetConfig = Path.Combine(folder, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """, Token);

        // The build under test, packed as is: the test run has just built it.
        await RunAsync(Dotnet, ["pack", Path.Combine(RepositoryPaths.Root, "src", "DataRefresh.Cli"), "-c", Configuration, "--no-build", "-o", packages], folder);
        var package = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "datarefresh.*.nupkg")));
        var version = PackageVersion().Match(package).Groups[1].Value;
        await RunAsync(Dotnet, ["tool", "install", "datarefresh", "--tool-path", tools, "--version", version, "--configfile", nugetConfig], folder);

        var installed = Path.Combine(tools, "datarefresh");
        var (versionOutput, _) = await RunAsync(installed, ["--version"], empty);
        Assert.Matches($@"^datarefresh {Regex.Escape(version)} \(commit [0-9a-f]{{40}}\)\s*$", versionOutput);

        var (demoOutput, demoError) = await RunAsync(installed, ["demo", "--customers", "200"], empty);
        Assert.Contains("crm_staging:", demoOutput, StringComparison.Ordinal);
        Assert.Contains("Audit record of the run", demoOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(" ERR ", demoError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<(string Out, string Error)> RunAsync(string program, string[] arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The installed tool must find its runtime the way users' shells do, and run the demo with a key of its own choosing.
        startInfo.Environment.Remove("DataRefresh__MaskingKey");
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        var (outText, errorText) = (await output, await error);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{outText}\n{errorText}");
        return (outText, errorText);
    }

    [GeneratedRegex(@"^datarefresh\.(.+)\.nupkg$")]
    private static partial Regex PackageVersion();
}
