namespace DataRefresh.Core.Providers;

/// <summary>
/// Reads one table (or one slice of it) inside the source's snapshot and yields it in masked batches: only the values
/// masks read are decoded, and they are masked in place. Disposing it ends the read.
/// </summary>
public interface ITableReader : IAsyncDisposable
{
    /// <summary>The form its batches are in; a writer must accept it (see <see cref="ITargetLoad.OpenTableWriterAsync"/>).</summary>
    string Format { get; }

    /// <summary>The next batch, or null after the last row.</summary>
    ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default);
}
