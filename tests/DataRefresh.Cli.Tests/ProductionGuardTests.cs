using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Production under another name: a target environment not marked production whose connection string is another
/// spelling of production's, or that reaches the same server by another road (a Unix socket), is refused, and
/// production keeps its data.
/// </summary>
public sealed class ProductionGuardTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, 100)
{
    /// <summary>Each test names its own target (another road to production) in <see cref="AssertRefusedAsync"/>.</summary>
    protected override Task UseEnvironmentsAsync() => Task.CompletedTask;

    private async Task AssertRefusedAsync(string targetConnectionString, string expected)
    {
        Cli.UseEnvironments(("prod", Prod, true), ("staging", targetConnectionString, false));
        var customersBefore = await ScalarAsync<long>(Prod, "SELECT count(*) FROM customers");

        var (exitCode, _, error) = await Cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")]);

        Assert.True(exitCode == ExitCodes.ProductionGuard, error);
        Assert.Contains("refusing to write to environment 'staging'", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("production environment 'prod'", error, StringComparison.Ordinal);
        Assert.Equal(customersBefore, await ScalarAsync<long>(Prod, "SELECT count(*) FROM customers"));
        Assert.Empty(await Server.DatabasesBesideAsync(ProdName, includePrevious: true, Token));
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
        var sockets = await PostgreSqlServerFixture.ScalarAsync<string>(Server.ConnectionString, "SELECT current_setting('unix_socket_directories')", Token);
        var socketFolder = sockets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Directory.Exists);
        if (socketFolder is null)
        {
            MachineRequirement.Missing("the test server has no Unix socket on this machine");
        }

        var throughSocket = new NpgsqlConnectionStringBuilder(Prod) { Host = socketFolder }.ConnectionString;

        await AssertRefusedAsync(throughSocket, "the server reports the same identity");
    }
}
