using DataRefresh.Core.Audit;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>Opens the history store the settings name: PostgreSQL when a connection string is set, else the SQLite file.</summary>
public static class HistoryStores
{
    public static IHistoryStore Open(AuditSettings settings) =>
        settings.HistoryConnectionString is { } connectionString
            ? throw new NotSupportedException($"{AuditSettings.HistoryConnectionSetting}: the PostgreSQL history store is not built yet.")
            : new SqliteHistoryStore(settings.HistoryFile);
}
