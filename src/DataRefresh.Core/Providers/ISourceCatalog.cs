using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Providers;

/// <summary>
/// The cheap read of a source that commands which do not copy need (plan, validate, report, scan, preview): its schema,
/// whether a table can be copied as planned, and sampled rows. Read-only; it holds no snapshot shared with other
/// sessions. Disposing it closes the connection.
/// </summary>
public interface ISourceCatalog : IAsyncDisposable
{
    DatabaseSchema Schema { get; }

    /// <summary>
    /// Why this provider cannot copy a table as planned (a row filter that does not run, a type it cannot mask), or null.
    /// Checked for every table before any data moves.
    /// </summary>
    Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="rows"/> rows spread over the table (not just its first pages), with every column of
    /// <paramref name="table"/> in order (generated ones too). Values follow the value contract of the provider's readers
    /// (<see cref="Values.Undecodable.Value"/> for values out of range), and the database's text form for types masks
    /// cannot read; null for SQL NULL. For scans and previews: these are unmasked production values, so callers must
    /// never print, log or write them.
    /// </summary>
    Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default);

    /// <summary>
    /// The values of <paramref name="columns"/> in the rows <paramref name="table"/>'s plan copies (its own where and its
    /// filtered parents'), only those that also meet <paramref name="condition"/> (SQL of the source: a subset root's
    /// where), decoded as the copy decodes them (<see cref="Values.Undecodable.Value"/> for values it cannot). Unmasked:
    /// a subset's choice reads production keys with it and holds them in memory only (never printed, logged or written);
    /// a CSV snapshot reads its already-masked SQLite file with it.
    /// </summary>
    IAsyncEnumerable<object?[]> ReadValuesAsync(TablePlan table, IReadOnlyList<string> columns, string? condition, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>plan</c>'s checks of the source's side of a run, as the source's own user: every planned table (and large
    /// object, sequence) readable, the size of the copy, an unencrypted connection to a production source. Reads only.
    /// </summary>
    Task<IReadOnlyList<Preflight.PreflightCheck>> PreflightAsync(RefreshPlan plan, Configuration.EnvironmentSettings source, CancellationToken cancellationToken = default);
}
