using DataRefresh.Core.Audit;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>Opens the history store the settings name: PostgreSQL when a connection string is set, else the SQLite file.</summary>
public static class HistoryStores
{
    public static IHistoryStore Open(AuditSettings settings) =>
        settings.HistoryConnectionString is { } connectionString
            ? new PostgreSqlHistoryStore(connectionString)
            : new SqliteHistoryStore(settings.HistoryFile);
}
