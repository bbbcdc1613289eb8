using System.Diagnostics;
using DataRefresh.Core.Pipeline;
using Serilog;

namespace DataRefresh.Cli.Output;

/// <summary>A run's progress when output is redirected (cron, CI, a file): a plain log line every ten seconds.</summary>
internal sealed class LoggedProgress : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly RefreshProgress progress;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastRows;
    private TimeSpan lastTime;

    public LoggedProgress(RefreshProgress progress, ILogger logger)
    {
        this.progress = progress;
        this.logger = logger;
        loop = Task.Run(() => LoopAsync(stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var rows = progress.RowsCopied;
                var now = clock.Elapsed;
                var rate = (rows - lastRows) / Math.Max((now - lastTime).TotalSeconds, 0.001);
                (lastRows, lastTime) = (rows, now);
                logger.Information("Progress {Phase}: {TablesDone}/{TablesTotal} tables, {Rows} rows, {RowsPerSecond:F0} rows/s", progress.Phase, progress.TablesDone, progress.TablesTotal, rows, rate);
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }
}
