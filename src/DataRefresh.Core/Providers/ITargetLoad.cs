namespace DataRefresh.Core.Providers;

/// <summary>
/// The side database a refresh loads into. <see cref="CutOverAsync"/> swaps it in for the target; disposing it without a
/// cut-over drops it, so a failed or cancelled run leaves the target as it was.
/// </summary>
public interface ITargetLoad : IAsyncDisposable
{
    string DatabaseName { get; }

    Task FinishLoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Rows per table in the side database now (partitioned tables with their partitions), for verification.</summary>
    Task<IReadOnlyDictionary<Schema.QualifiedName, long>> CountRowsAsync(IReadOnlyList<Schema.QualifiedName> tables, CancellationToken cancellationToken = default);

    Task CutOverAsync(CancellationToken cancellationToken = default);
}
