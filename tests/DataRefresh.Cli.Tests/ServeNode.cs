using System.Diagnostics;
using System.Globalization;
using DataRefresh.Core.Configuration;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>datarefresh serve</c> as a child process with the runner's settings, its log lines kept for the test to wait on.
/// Started through <c>env --default-signal=INT</c>, like the kill tests, so SIGINT and SIGTERM reach it.
/// </summary>
internal sealed class ServeNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeNode(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public string Log
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>Starts a node and waits until it serves; <paramref name="settings"/> are extra settings (Section:Key → value).</summary>
    public static async Task<ServeNode> StartAsync(CliRunner cli, string jobsFolder, string name, IReadOnlyDictionary<string, string>? settings = null, string? haltAt = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var startInfo = new ProcessStartInfo(
            "env", ["--default-signal=INT", dotnet, Path.Combine(AppContext.BaseDirectory, "datarefresh.dll"), "serve", "--jobs", jobsFolder, "--node", name, "--config", cli.SettingsFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment[DataRefreshSettings.MaskingKeyVariable] = CliRunner.MaskingKey;
        startInfo.Environment["DataRefresh__Scheduler__PollInterval"] = "00:00:00.5";
        startInfo.Environment["DataRefresh__Scheduler__BusyPollInterval"] = "00:00:00.5";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            startInfo.Environment["DataRefresh__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        if (haltAt is not null)
        {
            startInfo.Environment[Core.Pipeline.HaltPoint.Variable] = haltAt;
        }

        var node = new ServeNode(new Process { StartInfo = startInfo, EnableRaisingEvents = true }, name);
        node.process.ErrorDataReceived += (_, line) => node.Add(line.Data);
        node.process.OutputDataReceived += (_, line) => node.Add(line.Data);
        node.process.Exited += (_, _) => node.exited.TrySetResult();
        node.process.Start();
        node.process.BeginErrorReadLine();
        node.process.BeginOutputReadLine();
        await node.WaitForLogAsync($"Node {name} is up", TimeSpan.FromSeconds(60));
        return node;
    }

    /// <summary>Waits for a log line containing <paramref name="text"/>; fails with the log when it does not come.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (TimeProvider.System.GetUtcNow() > deadline || exited.Task.IsCompleted)
            {
                Assert.Fail($"Node {Name} did not log '{text}'{(exited.Task.IsCompleted ? " (it exited)" : "")}:\n{Log}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>SIGTERM, as systemd or Kubernetes stop a service; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await exited.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the node dies mid-run with no chance to clean up, as in a crash.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
