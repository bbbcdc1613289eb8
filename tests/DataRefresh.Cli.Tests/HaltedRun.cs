using System.Diagnostics;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// A real <c>datarefresh run</c> process made to stop at a <see cref="HaltPoint"/>, so a test can kill it (SIGKILL, no
/// chance to clean up) or interrupt it (SIGINT) at a known moment. Started through <c>env --default-signal=INT</c>: a
/// process started from a non-interactive shell's background job inherits SIGINT ignored, and .NET keeps it ignored.
/// </summary>
internal sealed class HaltedRun : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder error = new();
    private readonly TaskCompletionSource halted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HaltedRun(Process process) => this.process = process;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static async Task<HaltedRun> StartAsync(string settingsFile, string point, string job)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var startInfo = new ProcessStartInfo("env", ["--default-signal=INT", dotnet, Path.Combine(AppContext.BaseDirectory, "datarefresh.dll"), "run", job, "--config", settingsFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment[Core.Configuration.DataRefreshSettings.MaskingKeyVariable] = CliRunner.MaskingKey;
        startInfo.Environment[HaltPoint.Variable] = point;

        var run = new HaltedRun(new Process { StartInfo = startInfo });
        run.process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                run.halted.TrySetException(new InvalidOperationException("the run ended before it halted"));
                return;
            }

            lock (run.error)
            {
                run.error.AppendLine(line.Data);
            }

            if (line.Data == $"halted at {point}")
            {
                run.halted.TrySetResult();
            }
        };
        run.process.OutputDataReceived += (_, _) => { };
        run.process.Start();
        run.process.BeginErrorReadLine();
        run.process.BeginOutputReadLine();
        try
        {
            await run.halted.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            await run.DisposeAsync();
            Assert.Fail($"The run did not halt at {point}: {exception.Message}\n{run.Error}");
        }

        return run;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>SIGINT, as Ctrl+C sends it; returns the exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Token);
        }

        try
        {
            await process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The run did not end within 30 s of SIGINT; it wrote:\n{Error}");
        }

        process.WaitForExit();
        return process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        return ValueTask.CompletedTask;
    }
}
