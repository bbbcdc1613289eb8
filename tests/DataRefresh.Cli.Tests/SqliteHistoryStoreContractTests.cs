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

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
