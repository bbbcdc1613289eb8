namespace DataRefresh.Core.Providers;

/// <summary>
/// The side database a refresh loads into. <see cref="CutOverAsync"/> swaps it in for the target; disposing it without a
/// cut-over drops it, so a failed or cancelled run leaves the target as it was.
/// </summary>
public interface ITargetLoad : IAsyncDisposable
{
    string DatabaseName { get; }

    Task FinishLoadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs an <c>after:</c> step on the side database: its SQL file in one transaction, then each expect query in a read-only
    /// one; returns how many rows each expect query returned, in order. Errors are sanitized and name the file (and line).
    /// </summary>
    Task<IReadOnlyList<long>> RunAfterStepAsync(Jobs.AfterStep step, CancellationToken cancellationToken = default);

    /// <summary>Creates each large object in the side database under its source id, with its content; returns how many.</summary>
    Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default);

    /// <summary>How many large objects the side database holds now, for verification.</summary>
    Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>Rows per table in the side database now (partitioned tables with their partitions), for verification.</summary>
    Task<IReadOnlyDictionary<Schema.QualifiedName, long>> CountRowsAsync(IReadOnlyList<Schema.QualifiedName> tables, CancellationToken cancellationToken = default);

    /// <summary>
    /// Swaps the side database in for the target in one step that a kill cannot leave half done, then drops the old copy,
    /// or with <paramref name="keepPrevious"/> keeps it as <c>&lt;target&gt;__previous</c> (replacing an older one).
    /// </summary>
    Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default);
}
