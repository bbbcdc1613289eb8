using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>
/// A read-only, consistent view of the source: every read through it sees the same point in time, even from parallel
/// connections. Disposing it ends the snapshot.
/// </summary>
public interface ISourceSnapshot : IAsyncDisposable
{
    DatabaseSchema Schema { get; }

    /// <summary>
    /// Why this provider cannot copy a table as planned (a row filter that does not run, a type it cannot mask), or null.
    /// Checked for every table before any data moves.
    /// </summary>
    Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the tables a run copies from being dropped or altered until the snapshot ends (the weakest lock that does,
    /// as pg_dump takes), so a schema change on the source waits for the run instead of breaking it halfway. Reads and
    /// writes on the source are not blocked.
    /// </summary>
    Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default);

    /// <summary>Creates one section of the source's schema in the side database; post-data may use up to <paramref name="parallelism"/> sessions.</summary>
    Task CopySchemaAsync(ITargetLoad target, SchemaSection section, bool keepOwnership, int parallelism, CancellationToken cancellationToken = default);

    /// <summary>
    /// How to cut a table into at most <paramref name="maxSlices"/> parts that copy in parallel: one part for small tables,
    /// or when the provider cannot read parts efficiently.
    /// </summary>
    Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default);

    /// <summary>Streams one table's rows (or one slice of them) into the target, masking as planned; reports rows as they go and returns the count.</summary>
    Task<long> CopyTableAsync(TablePlan table, TableSlice slice, ITargetLoad target, TableCopyOptions options, IProgress<long> rowsCopied, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every value of one column, decoded as the copy decodes it (null for NULL and for values masks cannot read),
    /// so collisions on unique columns can be resolved before the copy.
    /// </summary>
    IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verification: every foreign key, primary key and unique constraint or index of the source (as read inside the
    /// snapshot) exists in the side database with the same definition and is valid there; keys the source holds as not
    /// validated are checked row by row. One check per table and kind, plus one per problem.
    /// </summary>
    Task<IReadOnlyList<Verification.VerificationCheck>> VerifyKeysAsync(ITargetLoad target, CancellationToken cancellationToken = default);

    /// <summary>
    /// The source's large objects in id order, inside the snapshot; with <paramref name="withContent"/> false their content
    /// is empty and never read. Consume each object's content before moving to the next.
    /// </summary>
    IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, CancellationToken cancellationToken = default);

    /// <summary>Makes the target's sequences continue after the copied rows.</summary>
    Task CopySequencesAsync(ITargetLoad target, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="rows"/> rows spread over the table (not just its first pages), read inside the snapshot, with
    /// every column of <paramref name="table"/> in order (generated ones too). Values have the CLR types maskers receive
    /// (string, long, bool, DateOnly, DateTime, Guid, byte[]) where the provider decodes the type, otherwise the database's
    /// text form as a string (numeric, arrays, enums, network addresses, …); null for SQL NULL. For scans and previews:
    /// these are unmasked production values, so callers must never print, log or write them.
    /// </summary>
    Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default);
}
