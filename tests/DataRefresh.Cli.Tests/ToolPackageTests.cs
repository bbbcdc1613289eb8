using System.Diagnostics;
using System.Text.RegularExpressions;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The .NET tool as users install it: <c>dotnet pack</c> makes the package, <c>dotnet tool install</c> installs it from a
/// local folder (no other package source) into a temporary tool path, and the installed <c>datarefresh</c> prints its
/// version and runs the demo from an empty folder: by default on SQLite with no PostgreSQL program reachable, and on
/// PostgreSQL when asked.
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
    public async Task The_packed_tool_installs_prints_its_version_and_runs_the_demo_from_an_empty_folder_without_PostgreSQL()
    {
        var (installed, version) = await InstallAsync();
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;
        var (versionOutput, _) = await RunAsync(installed, ["--version"], empty);
        Assert.Matches($@"^datarefresh {Regex.Escape(version)} \(commit [0-9a-f]{{40}}\)\s*$", versionOutput);

        // Every PostgreSQL program the demo could reach is a decoy that leaves a mark: the default demo must need none.
        var decoys = Directory.CreateDirectory(Path.Combine(folder, "decoys")).FullName;
        var mark = Path.Combine(folder, "a PostgreSQL program ran");
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore", "psql" })
        {
            var decoy = Path.Combine(decoys, program);
            await File.WriteAllTextAsync(decoy, $"#!/bin/sh\ntouch '{mark}'\nexit 1\n", Token);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(decoy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var withoutPostgreSql = new Dictionary<string, string>
        {
            ["PATH"] = decoys + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["DATAREFRESH_PG_BIN"] = decoys,
        };
        var (demoOutput, demoError) = await RunAsync(installed, ["demo", "--customers", "200"], empty, withoutPostgreSql);
        Assert.Contains("staging:", demoOutput, StringComparison.Ordinal);
        Assert.Contains("Audit records of the runs", demoOutput, StringComparison.Ordinal);
        Assert.Contains("verification: passed", demoOutput, StringComparison.Ordinal);
        Assert.Matches(@"A subset snapshot for a developer[^\n]*\n(?:.*\n)*?  main\.customers +\d+ rows", demoOutput);
        Assert.DoesNotContain(" ERR ", demoError, StringComparison.Ordinal);
        Assert.False(File.Exists(mark), "the default demo started a PostgreSQL program");
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    [Fact]
    public async Task The_packed_tool_runs_the_PostgreSQL_demo_when_asked()
    {
        // This demo starts its own PostgreSQL from the server binaries the test run provides.
        server.RequireServer();
        var (installed, _) = await InstallAsync();
        var empty = Directory.CreateDirectory(Path.Combine(folder, "empty")).FullName;

        var (demoOutput, demoError) = await RunAsync(installed, ["demo", "--engine", "postgresql", "--customers", "200"], empty);

        Assert.Contains("Starting a throwaway PostgreSQL server", demoOutput, StringComparison.Ordinal);
        Assert.Contains("verification: passed", demoOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(" ERR ", demoError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(empty));
    }

    /// <summary>Packs the build under test as is (the test run has just built it) and installs it; returns the program and its version.</summary>
    private async Task<(string Program, string Version)> InstallAsync()
    {
        var packages = Path.Combine(folder, "packages");
        var tools = Path.Combine(folder, "tools");
        var nugetConfig = Path.Combine(folder, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="local" value="{packages}" /></packageSources></configuration>
            """, Token);

        await RunAsync(Dotnet, ["pack", Path.Combine(RepositoryPaths.Root, "src", "DataRefresh.Cli"), "-c", Configuration, "--no-build", "-o", packages], folder);
        var package = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "datarefresh.*.nupkg")));
        var version = PackageVersion().Match(package).Groups[1].Value;
        await RunAsync(Dotnet, ["tool", "install", "datarefresh", "--tool-path", tools, "--version", version, "--configfile", nugetConfig], folder);
        return (Path.Combine(tools, "datarefresh"), version);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static async Task<(string Out, string Error)> RunAsync(string program, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The installed tool must find its runtime the way users' shells do, and run the demo with a key of its own choosing.
        startInfo.Environment.Remove("DataRefresh__MaskingKey");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

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
