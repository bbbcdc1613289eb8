using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Values;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Reads one table or slice of a snapshot's rows in batches, masked as the contract says: masks see the columns
/// <see cref="RowMasker.Decodes"/> names decoded and <see cref="Undecodable.Value"/> for everything else (and for
/// <see cref="UndecodableSourceValue"/>); replaced columns take the masks' results, the rest their original value.
/// Batches are the in-memory form, or values (<see cref="DecodedRowBatch"/>) when the run asks for them; then an
/// undecodable value left unmasked stops the read, naming the column, as a real reader must.
/// </summary>
internal sealed class InMemoryTableReader(
    IReadOnlyList<object?[]> rows, RowMasker masker, TableReadOptions options, TimeSpan delayPerBatch, InMemoryCallRecorder calls) : ITableReader
{
    private int position;
    private bool disposed;

    public string Format => options.Decoded ? DecodedRowBatch.Format : InMemoryRowBatch.Format;

    public async ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (delayPerBatch > TimeSpan.Zero)
        {
            await Task.Delay(delayPerBatch, cancellationToken);
        }

        if (position >= rows.Count)
        {
            return null;
        }

        var batch = new List<object?[]>();
        long bytes = 0;
        while (position < rows.Count && batch.Count < options.BatchSize && bytes < options.MaxBatchBytes)
        {
            if (Mask(rows[position++]) is not { } row)
            {
                continue;
            }

            if (options.Decoded && Array.FindIndex(row, value => value is UndecodableSourceValue) is var undecodable and >= 0)
            {
                throw new Core.Errors.DataRefreshException(
                    Core.Errors.ExitCodes.RefreshFailed, $"column {undecodable + 1} holds a value another engine cannot take; mask the column. The target was not changed.");
            }

            bytes += InMemoryRowBatch.EstimateBytes(row);
            batch.Add(row);
        }

        return batch.Count == 0 ? null : options.Decoded ? new DecodedRowBatch(batch) : new InMemoryRowBatch(batch);
    }

    public ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;
            calls.ReaderClosed();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The row as the target gets it, or null for a row outside the run's subset.</summary>
    private object?[]? Mask(object?[] raw)
    {
        if (masker.IsPassThrough)
        {
            return raw;
        }

        var originals = new object?[raw.Length];
        for (var column = 0; column < raw.Length; column++)
        {
            originals[column] = raw[column] switch
            {
                null => null,
                UndecodableSourceValue => Undecodable.Value,
                var value => masker.Decodes[column] ? value : Undecodable.Value,
            };
        }

        var results = new object?[raw.Length];
        if (!masker.Mask(originals, results))
        {
            return null;
        }

        var masked = new object?[raw.Length];
        for (var column = 0; column < raw.Length; column++)
        {
            masked[column] = masker.Replaces(column) ? results[column] : raw[column];
        }

        return masked;
    }
}
