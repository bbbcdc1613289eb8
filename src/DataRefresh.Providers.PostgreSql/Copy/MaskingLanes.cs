namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Masks one table's batches on several threads while it still reads and writes one COPY stream each way (so a whole
/// table keeps its <c>COPY FREEZE</c> load): the reader cuts raw tuples into batches, each batch is rewritten by the next
/// lane on the thread pool, and batches come out in the order they were read. Each lane has its own
/// <see cref="TupleRewriter"/> (own row masker and evidence), and a lane starts its next batch only after its previous
/// one was taken, so no lane is used by two threads at once. A masked table is usually the run's longest job: masking
/// is the CPU work of our process, and the lanes let that job use a core the other tables have left.
/// </summary>
internal sealed class MaskingLanes(TupleRewriter[] rewriters) : IAsyncDisposable
{
    private readonly Queue<Task<BatchBuffer?>> inFlight = new();
    private int next;

    /// <summary>The next masked batch in read order, reading raw batches through <paramref name="readRaw"/> to keep every lane busy; null at the end.</summary>
    public async Task<BatchBuffer?> NextAsync(Func<CancellationToken, Task<BatchBuffer?>> readRaw, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (inFlight.Count < rewriters.Length && await readRaw(cancellationToken) is { } raw)
            {
                var rewriter = rewriters[next++ % rewriters.Length];
                inFlight.Enqueue(Task.Run(() => Rewrite(rewriter, raw), CancellationToken.None));
            }

            if (!inFlight.TryDequeue(out var masked))
            {
                return null;
            }

            // A batch whose rows were all outside the run's subset comes back as null: read on.
            if (await masked is { } batch)
            {
                return batch;
            }
        }
    }

    /// <summary>Waits for batches still being masked (a failed or cancelled read) and returns their buffers to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        while (inFlight.TryDequeue(out var masked))
        {
            try
            {
                (await masked)?.Dispose();
            }
            catch (Exception)
            {
                // The read has already failed or was abandoned: the first error is the one reported.
            }
        }
    }

    private static BatchBuffer? Rewrite(TupleRewriter rewriter, BatchBuffer raw)
    {
        using (raw)
        {
            var tuples = raw.Memory.Span;
            var output = new BatchBuffer(tuples.Length + (tuples.Length / 4));
            try
            {
                for (var offset = 0; offset < tuples.Length;)
                {
                    var length = CopyTupleReader.MeasureTuple(tuples[offset..]);
                    if (rewriter.Write(tuples.Slice(offset, length), output))
                    {
                        output.RowCount++;
                    }

                    offset += length;
                }
            }
            catch
            {
                output.Dispose();
                throw;
            }

            if (output.RowCount > 0)
            {
                return output;
            }

            output.Dispose();
            return null;
        }
    }
}
