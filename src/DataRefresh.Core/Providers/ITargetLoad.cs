namespace DataRefresh.Core.Providers;

/// <summary>
/// The side database a refresh loads into; it only writes, from what Core hands it. <see cref="CutOverAsync"/> swaps it in
/// for the target; disposing it without a cut-over drops it, so a failed or cancelled run leaves the target as it was.
/// </summary>
public interface ITargetLoad : IAsyncDisposable
{
    string DatabaseName { get; }

    /// <summary>
    /// Creates one section of the source's schema: from the native archive when it is this engine's, otherwise from the
    /// neutral model (or refuses with a clear error when this provider cannot build from it yet).
    /// </summary>
    Task ApplySchemaAsync(SchemaExport schema, SchemaSection section, SchemaApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// What of the source's schema this target could not create, known once the pre-data section is applied (empty when
    /// the schema came in the engine's own archive). Never dropped silently: the run names each one and the audit keeps them.
    /// </summary>
    IReadOnlyList<SchemaObject> NotBuilt { get; }

    /// <summary>
    /// Builds what belongs to <paramref name="table"/> alone — its indexes, primary and unique keys, checks and triggers —
    /// once its rows are in, while other tables may still load. Whatever this did not build (foreign keys, which need two
    /// tables; objects of several tables; tables never passed here) is built by <see cref="ApplySchemaAsync"/> with
    /// <see cref="SchemaSection.PostData"/>, which must come after every call to this one has finished.
    /// </summary>
    Task ApplyTableSchemaAsync(SchemaExport schema, Schema.QualifiedName table, SchemaApplyOptions options, CancellationToken cancellationToken = default);

    /// <summary>The id of a user-defined type in the side database, for native formats that embed type ids (see <see cref="TableReadOptions"/>).</summary>
    Task<long> ResolveTypeIdAsync(Schema.QualifiedName type, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a writer of one table (or one slice) taking batches in <paramref name="format"/>, or refuses a format it
    /// cannot take. A whole-table writer may empty the table first, in its own transaction.
    /// </summary>
    Task<ITableWriter> OpenTableWriterAsync(Planning.TablePlan table, TableSlice slice, string format, CancellationToken cancellationToken = default);

    /// <summary>Makes the side database's sequences continue where the source's stand.</summary>
    Task ApplySequencesAsync(IReadOnlyList<SequenceState> sequences, CancellationToken cancellationToken = default);

    /// <summary>Creates each large object in the side database under its source id, with its content; returns how many.</summary>
    Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default);

    /// <summary>Finishes the load (PostgreSQL: refreshes materialized views).</summary>
    Task FinishLoadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Verification: every key of <paramref name="sourceKeys"/> exists in the side database with the same definition and
    /// is valid there; keys the source holds as not validated are checked row by row. One check per table and kind, plus
    /// one per problem.
    /// </summary>
    Task<IReadOnlyList<Verification.VerificationCheck>> VerifyKeysAsync(IReadOnlyList<KeyDefinition> sourceKeys, CancellationToken cancellationToken = default);

    /// <summary>How many large objects the side database holds now, for verification.</summary>
    Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs an <c>after:</c> step on the side database: its SQL file in one transaction, then each expect query in a read-only
    /// one; returns how many rows each expect query returned, in order. Errors are sanitized and name the file (and line).
    /// </summary>
    Task<IReadOnlyList<long>> RunAfterStepAsync(Jobs.AfterStep step, CancellationToken cancellationToken = default);

    /// <summary>Rows per table in the side database now (partitioned tables with their partitions), for verification.</summary>
    Task<IReadOnlyDictionary<Schema.QualifiedName, long>> CountRowsAsync(IReadOnlyList<Schema.QualifiedName> tables, CancellationToken cancellationToken = default);

    /// <summary>
    /// Swaps the side database in for the target as the provider's <see cref="ProviderCapabilities.CutOver"/> says, then
    /// drops the old copy, or with <paramref name="keepPrevious"/> keeps it as <c>&lt;target&gt;__previous</c> (replacing an older one).
    /// </summary>
    Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default);
}
