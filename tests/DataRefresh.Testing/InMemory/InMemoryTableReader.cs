using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Values;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Reads one table or slice of a snapshot's rows in batches, masked as the contract says: masks see the columns
/// <see cref="RowMasker.Decodes"/> names decoded and <see cref="Undecodable.Value"/> for everything else (and for
/// <see cref="UndecodableSourceValue"/>); replaced columns take the masks' results, the rest their original value.
/// </summary>
internal sealed class InMemoryTableReader(
    IReadOnlyList<object?[]> rows, RowMasker masker, TableReadOptions options, TimeSpan delayPerBatch, InMemoryCallRecorder calls) : ITableReader
{
    private int position;
    private bool disposed;

    public string Format => InMemoryRowBatch.Format;

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
            var row = Mask(rows[position++]);
            bytes += InMemoryRowBatch.EstimateBytes(row);
            batch.Add(row);
        }

        return new InMemoryRowBatch(batch);
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

    private object?[] Mask(object?[] raw)
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
        masker.Mask(originals, results);
        var masked = new object?[raw.Length];
        for (var column = 0; column < raw.Length; column++)
        {
            masked[column] = masker.Replaces(column) ? results[column] : raw[column];
        }

        return masked;
    }
}
