using DataRefresh.Core.History;
using DataRefresh.History;

namespace DataRefresh.Cli.Tests;

/// <summary>The history store contract against SQLite files, one per test.</summary>
public sealed class SqliteHistoryStoreContractTests : HistoryStoreContractTests, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("datarefresh-history-contract-").FullName;

    protected override async Task<IHistoryStore> NewStoreAsync()
    {
        var store = new SqliteHistoryStore(Path.Combine(directory, $"{Guid.NewGuid():N}.db"));
        await store.EnsureReadyAsync(Token);
        return store;
    }

    protected override string TableName(string name) => name;

    protected override string TimeColumn(string name) => $"{name}_ms";

    protected override async Task ExecuteBehindTheStoreAsync(IHistoryStore store, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.Location};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
