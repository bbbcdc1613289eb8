using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The history store contract against a real SQL Server database, a fresh one per test (skipped with its reason where
/// there is no server: see <see cref="SqlServerInstance"/>); and nodes migrating at once under the application lock.
/// </summary>
public sealed class SqlServerHistoryStoreContractTests(SqlServerInstance server) : HistoryStoreContractTests, IClassFixture<SqlServerInstance>
{
    private readonly Dictionary<IHistoryStore, string> databases = [];

    protected override async Task<IHistoryStore> NewStoreAsync()
    {
        var connectionString = await NewDatabaseAsync();
        var store = new SqlServerHistoryStore(connectionString);
        await store.EnsureReadyAsync(Token);
        databases[store] = connectionString;
        return store;
    }

    protected override async Task ExecuteBehindTheStoreAsync(IHistoryStore store, string sql)
    {
        await using var connection = new SqlConnection(databases[store]);
        await connection.OpenAsync(Token);
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    private Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync($"dr_history_{Guid.NewGuid():N}", Token);

    [Fact]
    public async Task Nodes_starting_at_once_migrate_the_schema_once()
    {
        var connectionString = await NewDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new SqlServerHistoryStore(connectionString).EnsureReadyAsync(Token), Token)));

        await using var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new SqlCommand("SELECT count(*), max(version) FROM datarefresh.schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal((8, 8), (reader.GetInt32(0), reader.GetInt32(1)));
    }
}
