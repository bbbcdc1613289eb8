using DataRefresh.Core.Providers;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>
/// Rows between SQLite files: each unmasked cell as SQLite stored it (integer, real, text or blob, so a value keeps its
/// storage class exactly), each masked cell as the mask produced it. The SQLite writer takes these and
/// <see cref="DecodedRowBatch"/>es alike.
/// </summary>
internal sealed class SqliteRowBatch(IReadOnlyList<object?[]> rows) : ValueRowBatch(rows)
{
    public const string Format = "sqlite";
}
