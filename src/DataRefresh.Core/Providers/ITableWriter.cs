namespace DataRefresh.Core.Providers;

/// <summary>
/// Loads one table (or one slice of it) into the side database. Nothing it wrote is visible until
/// <see cref="CompleteAsync"/>; disposing it without completing rolls its rows back, so a failed or cancelled attempt
/// can be retried from the start.
/// </summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>Writes a batch; the writer does not keep it (the caller disposes it).</summary>
    ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Commits every row written.</summary>
    Task CompleteAsync(CancellationToken cancellationToken = default);
}
