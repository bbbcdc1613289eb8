using System.Diagnostics;
using System.Globalization;
using DataRefresh.Core.Pipeline;
using Serilog;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Shows a run's progress: on a terminal, one status line redrawn twice a second; when output is redirected (cron, CI),
/// a plain log line every ten seconds.
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private readonly RefreshProgress progress;
    private readonly CliConsole console;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastRows;
    private TimeSpan lastTime;

    public ProgressDisplay(RefreshProgress progress, CliConsole console, ILogger logger)
    {
        this.progress = progress;
        this.console = console;
        this.logger = logger;
        loop = Task.Run(() => LoopAsync(stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        if (console.Interactive)
        {
            await console.Error.WriteAsync("\r\u001b[2K");
        }

        stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(console.Interactive ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Report();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private void Report()
    {
        var rows = progress.RowsCopied;
        var now = clock.Elapsed;
        var rate = (rows - lastRows) / Math.Max((now - lastTime).TotalSeconds, 0.001);
        (lastRows, lastTime) = (rows, now);
        var text = string.Create(CultureInfo.InvariantCulture, $"{progress.Phase}: {progress.TablesDone}/{progress.TablesTotal} tables, {rows:N0} rows, {rate:N0} rows/s, {now:hh\\:mm\\:ss}");
        if (console.Interactive)
        {
            console.Error.Write("\r\u001b[2K" + text);
        }
        else
        {
            logger.Information("Progress {Phase}: {TablesDone}/{TablesTotal} tables, {Rows} rows, {RowsPerSecond:F0} rows/s", progress.Phase, progress.TablesDone, progress.TablesTotal, rows, rate);
        }
    }
}
