using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>
/// A read-only, consistent view of the source for a run: every read through it sees the same point in time (from up to
/// <see cref="ProviderCapabilities.ConsistentReaders"/> parallel readers). It only reads: what it reads goes to a target
/// through Core (tables through <see cref="Pipeline.TableStream"/>). Disposing it ends the snapshot.
/// </summary>
public interface ISourceSnapshot : ISourceCatalog
{
    /// <summary>
    /// How many readers share this snapshot's point in time when the source's settings choose it (SQL Server's consistency
    /// modes), or null for the provider's <see cref="ProviderCapabilities.ConsistentReaders"/>.
    /// </summary>
    int? ConsistentReaders => null;

    /// <summary>The guarantee this snapshot gives in one sentence, when the provider has more than one; the run says it and the audit records it.</summary>
    string? Guarantee => null;

    /// <summary>
    /// Keeps the tables a run copies from being dropped or altered until the snapshot ends (the weakest lock that does,
    /// as pg_dump takes), so a schema change on the source waits for the run instead of breaking it halfway. Reads and
    /// writes on the source are not blocked. Only called when the provider declares <see cref="ProviderCapabilities.HoldsTables"/>.
    /// </summary>
    Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default);

    /// <summary>The schema as a target needs it: the neutral model and, where the engine has one, its native archive (taken once, inside the snapshot).</summary>
    Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// How to cut a table into at most <paramref name="maxSlices"/> parts that copy in parallel: one part for small tables,
    /// or when the provider cannot read parts efficiently.
    /// </summary>
    Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default);

    /// <summary>Opens a reader of one table's rows (or one slice of them), masked as planned, in batches.</summary>
    Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams every value of one column, decoded as the copy decodes it (null for NULL and for values masks cannot read),
    /// so collisions on unique columns can be resolved before the copy.
    /// </summary>
    IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, CancellationToken cancellationToken = default);

    /// <summary>Every foreign key, primary key and unique constraint or index of the source, for verifying the copy.</summary>
    Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Where every sequence (identity) of the source stands.</summary>
    Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The source's large objects in id order, inside the snapshot; with <paramref name="withContent"/> false their content
    /// is empty and never read. Consume each object's content before moving to the next.
    /// </summary>
    IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, CancellationToken cancellationToken = default);
}
