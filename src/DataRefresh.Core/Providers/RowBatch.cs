namespace DataRefresh.Core.Providers;

/// <summary>
/// Rows in transit from a table reader to a table writer, already masked. A batch is in the reader's
/// <see cref="ITableReader.Format"/>: a native form the same engine's writer takes as it is (PostgreSQL: binary COPY
/// tuples, never decoded for unmasked tables). Its memory is pooled: whoever holds it last disposes it.
/// </summary>
public abstract class RowBatch : IDisposable
{
    public abstract int Rows { get; }

    /// <summary>Its size in memory, which bounds what a queue of batches holds.</summary>
    public abstract long Bytes { get; }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
