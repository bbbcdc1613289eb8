using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Production under another name: a target environment not marked production whose connection string is another
/// spelling of production's, or that reaches the same server by another road (a Unix socket), is refused, and
/// production keeps its data.
/// </summary>
public sealed class ProductionGuardTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private readonly CliRunner cli = new();
    private string prod = "";

    public async ValueTask InitializeAsync()
    {
        server.RequireServer();
        prod = await server.CreateDatabaseAsync("prod", RepositoryPaths.SampleDatabaseScript(100), Token);
    }

    public ValueTask DisposeAsync()
    {
        cli.Dispose();
        return ValueTask.CompletedTask;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Prod => server.ConnectionStringFor(prod);

    private async Task AssertRefusedAsync(string targetConnectionString, string expected)
    {
        cli.UseEnvironments(("prod", Prod, true), ("staging", targetConnectionString, false));
        var customersBefore = await PostgreSqlServerFixture.ScalarAsync<long>(Prod, "SELECT count(*) FROM customers", Token);

        var (exitCode, _, error) = await cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")]);

        Assert.True(exitCode == ExitCodes.ProductionGuard, error);
        Assert.Contains("refusing to write to environment 'staging'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("production environment 'prod'", error, StringComparison.Ordinal);
        Assert.Equal(customersBefore, await PostgreSqlServerFixture.ScalarAsync<long>(Prod, "SELECT count(*) FROM customers", Token));
        Assert.Equal(0L, await PostgreSqlServerFixture.ScalarAsync<long>(server.ConnectionString, $"SELECT count(*) FROM pg_database WHERE datname LIKE '{prod}\\_\\_%'", Token));
    }

    [Fact]
    public async Task Another_spelling_of_the_production_host_is_refused_before_any_connection()
    {
        var respelt = new NpgsqlConnectionStringBuilder(Prod) { Host = "LOCALHOST.", ApplicationName = "looks-different" }.ConnectionString;

        await AssertRefusedAsync(respelt, "its connection string leads to the same server and database");
    }

    [Fact]
    public async Task The_production_database_through_a_unix_socket_is_refused_by_server_identity()
    {
        var sockets = await PostgreSqlServerFixture.ScalarAsync<string>(server.ConnectionString, "SELECT current_setting('unix_socket_directories')", Token);
        var socketFolder = sockets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Directory.Exists);
        if (socketFolder is null)
        {
            Assert.Skip("the test server has no Unix socket on this machine");
        }

        var throughSocket = new NpgsqlConnectionStringBuilder(Prod) { Host = socketFolder }.ConnectionString;

        await AssertRefusedAsync(throughSocket, "the server reports the same identity");
    }
}
