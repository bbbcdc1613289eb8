using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The history store contract against a real PostgreSQL database, a fresh one per test; and what only PostgreSQL has:
/// nodes migrating at once, and a connection string whose password must stay out of every message.
/// </summary>
public sealed class PostgreSqlHistoryStoreContractTests(PostgreSqlServerFixture server) : HistoryStoreContractTests
{
    private readonly Dictionary<IHistoryStore, string> databases = [];

    protected override async Task<IHistoryStore> NewStoreAsync()
    {
        var connectionString = await NewDatabaseAsync();
        var store = new PostgreSqlHistoryStore(connectionString);
        await store.EnsureReadyAsync(Token);
        databases[store] = connectionString;
        return store;
    }

    protected override Task ExecuteBehindTheStoreAsync(IHistoryStore store, string sql) => PostgreSqlServerFixture.ExecuteAsync(databases[store], sql, Token);

    private async Task<string> NewDatabaseAsync()
    {
        server.RequireServer();
        return server.ConnectionStringFor(await server.CreateDatabaseAsync("history", cancellationToken: Token));
    }

    [Fact]
    public async Task Nodes_starting_at_once_migrate_the_schema_once()
    {
        var connectionString = await NewDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgreSqlHistoryStore(connectionString).EnsureReadyAsync(Token), Token)));

        // Each migration once: as many rows as the newest version (8: scans).
        Assert.Equal(8L, await PostgreSqlServerFixture.ScalarAsync<long>(connectionString, "SELECT count(*) FROM datarefresh.schema_version", Token));
        Assert.Equal(8, await PostgreSqlServerFixture.ScalarAsync<int>(connectionString, "SELECT max(version) FROM datarefresh.schema_version", Token));
    }

    [Fact]
    public async Task A_schema_from_a_newer_version_is_refused_rather_than_written()
    {
        var connectionString = await NewDatabaseAsync();
        await new PostgreSqlHistoryStore(connectionString).EnsureReadyAsync(Token);
        await PostgreSqlServerFixture.ExecuteAsync(connectionString, "INSERT INTO datarefresh.schema_version (version) VALUES (99)", Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new PostgreSqlHistoryStore(connectionString).EnsureReadyAsync(Token));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Location_names_host_port_and_database_but_never_the_password()
    {
        const string password = "hist-Secret-9f2c";
        var connectionString = PostgreSqlServerFixture.ConnectAs(await NewDatabaseAsync(), "history_reader", password);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);

        var store = new PostgreSqlHistoryStore(connectionString);

        Assert.DoesNotContain(password, store.Location, StringComparison.Ordinal);
        Assert.Contains($"{builder.Host}:{builder.Port}/{builder.Database}", store.Location, StringComparison.Ordinal);

        // The role does not exist: the server's refusal does not quote the password either.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => store.EnsureReadyAsync(Token));
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }
}
