using System.Diagnostics;
using DataRefresh.Testing;
using Xunit;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// A PostgreSQL tablespace on a tmpfs of a few megabytes, to run a target out of disk space for real. Needs root (to
/// mount) and the server on this machine; the test is skipped with the reason otherwise.
/// </summary>
internal sealed class SmallTablespace : IAsyncDisposable
{
    private readonly string superUser;
    private readonly string folder;

    private SmallTablespace(string superUser, string folder, string name)
    {
        this.superUser = superUser;
        this.folder = folder;
        Name = name;
    }

    public string Name { get; }

    public static async Task<SmallTablespace> CreateAsync(string superUser, int megabytes, CancellationToken cancellationToken)
    {
        var name = "tiny_" + Guid.NewGuid().ToString("N")[..8];
        var folder = Path.Combine(Path.GetTempPath(), "datarefresh-" + name);
        Directory.CreateDirectory(folder);
        var (mounted, why) = await RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", folder], cancellationToken);
        if (!mounted)
        {
            Directory.Delete(folder);
            MachineRequirement.Missing($"cannot mount a {megabytes} MB tmpfs to fill up ({why.Trim()}); this test needs root");
        }

        // The server's own user must own the tablespace folder: the owner of its data directory.
        var dataDirectory = await PostgreSqlServerFixture.ScalarAsync<string>(superUser, "SELECT current_setting('data_directory')", cancellationToken);
        var (_, owner) = await RunAsync("stat", ["-c", "%U", dataDirectory], cancellationToken);
        await RunAsync("chown", [owner.Trim(), folder], cancellationToken);
        await PostgreSqlServerFixture.ExecuteAsync(superUser, $"CREATE TABLESPACE {name} LOCATION '{folder}'", cancellationToken);
        return new SmallTablespace(superUser, folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Files of dropped tables go at the next checkpoint; until then the tablespace counts as not empty.
            await PostgreSqlServerFixture.ExecuteAsync(superUser, "CHECKPOINT");
            await PostgreSqlServerFixture.ExecuteAsync(superUser, $"DROP TABLESPACE IF EXISTS {Name}");
        }
        finally
        {
            await RunAsync("umount", ["-l", folder], CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(bool Succeeded, string Output)> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode == 0, output);
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            return (false, missing.Message);
        }
    }
}
