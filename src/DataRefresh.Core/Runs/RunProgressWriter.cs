using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;
using Serilog;

namespace DataRefresh.Core.Runs;

/// <summary>
/// Writes a running run's progress (<see cref="RunProgressReport"/>: counts, never values) to the history store every
/// <see cref="Interval"/>, so the console — which reads only the store — shows live progress wherever the run happens.
/// A store that does not answer costs one warning, never the run. Disposing stops it and waits for the last write.
/// </summary>
public sealed class RunProgressWriter : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource stop = new();
    private readonly Task writing;

    private RunProgressWriter(IRunHistory history, string runId, RefreshProgress progress, TimeProvider time, ILogger logger) =>
        writing = WriteAsync(history, runId, progress, time, logger, stop.Token);

    public static RunProgressWriter Start(IRunHistory history, string runId, RefreshProgress progress, TimeProvider time, ILogger logger) =>
        new(history, runId, progress, time, logger);

    private static RunProgressReport Report(RefreshProgress progress, DateTimeOffset at) =>
        new(progress.Phase, progress.TablesDone, progress.TablesTotal, progress.RowsCopied, progress.EstimatedRows, progress.BytesCopied, at);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await writing;
        stop.Dispose();
    }

    private static async Task WriteAsync(IRunHistory history, string runId, RefreshProgress progress, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var warned = false;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await history.ReportProgressAsync(runId, Report(progress, time.GetUtcNow()), cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException && !warned)
                {
                    warned = true;
                    logger.Warning("Run {RunId}: its progress could not be written to the history store ({Error}); the run goes on, the console shows no progress for it", runId, exception.GetType().Name);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Warned once already: the run's own log lines still show its progress.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run's copy ended: its end record replaces the progress.
        }
    }
}
