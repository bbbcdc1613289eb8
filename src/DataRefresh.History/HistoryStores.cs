using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>Opens the history store the settings name: the database of the connection string on its engine when one is set, else the SQLite file.</summary>
public static class HistoryStores
{
    public static IHistoryStore Open(AuditSettings settings) =>
        settings.HistoryConnectionString switch
        {
            null => new SqliteHistoryStore(settings.HistoryFile),
            { } connectionString when settings.HistoryProvider == ProviderKind.SqlServer => new SqlServerHistoryStore(connectionString),
            { } connectionString => new PostgreSqlHistoryStore(connectionString),
        };
}
