using DataRefresh.Testing;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The repository's SQL Server sample end to end through the program, against a real server (skipped with its reason
/// where there is none; see <see cref="SqlServerInstance"/>): crm.sql as production, the sample job and rules, a run into
/// a staging database, and what staging then holds.
/// </summary>
public sealed class SqlServerSampleJobTests(SqlServerInstance server) : IClassFixture<SqlServerInstance>, IDisposable
{
    private readonly CliRunner cli = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sample_job_refreshes_staging_with_masked_customers_and_runs_its_after_step()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var prod = await server.CreateDatabaseAsync($"dr_sample_prod_{suffix}", Token);
        await SqlServerInstance.RunScriptAsync(prod, "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;", Token);
        await SqlServerInstance.RunScriptAsync(prod, File.ReadAllText(RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm.sql"))), Token);
        var staging = new SqlConnectionStringBuilder(prod) { InitialCatalog = $"dr_sample_staging_{suffix}" }.ConnectionString;

        // Both databases are on the one test server, so production cannot be marked as such here: the guard would refuse
        // the server as a target (as it should).
        cli.UseEnvironments(("sqlserver-prod", "SqlServer", prod, false), ("sqlserver-staging", "SqlServer", staging, false));
        var (exitCode, output, error) = await cli.RunAsync(["run", RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm.yaml"))]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        await using var connection = new SqlConnection(staging);
        await connection.OpenAsync(Token);
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM crm.Customers c JOIN " + Quote(prod) + ".crm.Customers p ON p.CustomerId = c.CustomerId AND p.FullName = c.FullName"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM crm.Customers WHERE Phone <> N'555-0100' OR Photo IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM crm.Orders WHERE Status = 'open'"));
        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM crm.Customers") > 0);

        // keepOwnership (the default): the sample's role, user and permissions came along.
        Assert.Equal(1, await ScalarAsync(connection, "SELECT count(*) FROM sys.database_role_members rm JOIN sys.database_principals r ON r.principal_id = rm.role_principal_id JOIN sys.database_principals m ON m.principal_id = rm.member_principal_id WHERE r.name = N'crm_readers' AND m.name = N'crm_reporting'"));
        Assert.Equal(2, await ScalarAsync(connection, "SELECT count(*) FROM sys.database_permissions p JOIN sys.database_principals g ON g.principal_id = p.grantee_principal_id WHERE g.name = N'crm_readers'"));
    }

    private static string Quote(string connectionString) => $"[{new SqlConnectionStringBuilder(connectionString).InitialCatalog}]";

    private static async Task<int> ScalarAsync(SqlConnection connection, string sql)
    {
        await using var command = new SqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync(Token));
    }

    public void Dispose() => cli.Dispose();
}
