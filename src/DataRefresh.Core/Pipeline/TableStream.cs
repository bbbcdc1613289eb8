using System.Threading.Channels;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// The stream stage, one implementation for every pair of engines: the source's table reader and the target's table
/// writer run concurrently with a bounded queue of batches between them, so memory stays at a few batches whatever the
/// table's size, and a slow side holds the other back (the shape of Serilog's batching sink). One call is the retry unit
/// of <see cref="TransientRetry"/>: a failed or cancelled call leaves nothing committed.
/// </summary>
public static class TableStream
{
    private const int QueuedBatches = 2;

    /// <summary>Copies one table or slice; reports each batch as it is written and returns how many rows.</summary>
    public static async Task<long> CopyAsync(
        ISourceSnapshot source, ITargetLoad target, TablePlan table, TableSlice slice, TableReadOptions options, IProgress<CopiedBatch> copied, CancellationToken cancellationToken = default)
    {
        await using var reader = await source.OpenTableReaderAsync(table, slice, options, cancellationToken);
        await using var writer = await target.OpenTableWriterAsync(table, slice, reader.Format, cancellationToken);
        var batches = Channel.CreateBounded<RowBatch>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(reader, batches.Writer, stop.Token), stop.Token);

        long rows = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                using (batch)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    rows += batch.Rows;
                    copied.Report(new CopiedBatch(batch.Rows, batch.Bytes));
                }

                await HaltPoint.ReachedAsync(HaltPoint.Data, cancellationToken);
            }

            await reading;
            await writer.CompleteAsync(cancellationToken);
            return rows;
        }
        catch
        {
            // The reader must be stopped before it is disposed; batches it queued go back to their pool.
            await stop.CancelAsync();
            await reading.ContinueWith(_ => { }, TaskScheduler.Default);
            while (batches.Reader.TryRead(out var leftover))
            {
                leftover.Dispose();
            }

            throw;
        }
    }

    private static async Task ReadAsync(ITableReader reader, ChannelWriter<RowBatch> batches, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.ReadBatchAsync(cancellationToken) is { } batch)
            {
                try
                {
                    await batches.WriteAsync(batch, cancellationToken);
                }
                catch
                {
                    batch.Dispose();
                    throw;
                }
            }

            batches.Complete();
        }
        catch (Exception exception)
        {
            batches.Complete(exception);
            throw;
        }
    }
}

/// <summary>A batch written to the target: its rows and its size (<see cref="RowBatch.Bytes"/>).</summary>
public readonly record struct CopiedBatch(int Rows, long Bytes);
