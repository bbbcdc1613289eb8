namespace DataRefresh.History;

/// <summary>
/// The history store in one SQLite file, the default, created (with its folder) and migrated on first use; what
/// differs from other engines is <see cref="SqliteHistoryDialect"/>.
/// </summary>
public sealed class SqliteHistoryStore(string file) : HistoryStore(new SqliteHistoryDialect(file));
