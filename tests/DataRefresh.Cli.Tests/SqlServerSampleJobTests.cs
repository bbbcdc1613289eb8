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
        var prod = await SampleProductionAsync();
        var staging = new SqlConnectionStringBuilder(prod) { InitialCatalog = new SqlConnectionStringBuilder(prod).InitialCatalog.Replace("prod", "staging", StringComparison.Ordinal) }.ConnectionString;

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

        // keepOwnership (the default): the sample's role, user, permissions and the table the role owns came along.
        Assert.Equal(1, await ScalarAsync(connection, "SELECT count(*) FROM sys.database_role_members rm JOIN sys.database_principals r ON r.principal_id = rm.role_principal_id JOIN sys.database_principals m ON m.principal_id = rm.member_principal_id WHERE r.name = N'crm_readers' AND m.name = N'crm_reporting'"));
        Assert.Equal(2, await ScalarAsync(connection, "SELECT count(*) FROM sys.database_permissions p JOIN sys.database_principals g ON g.principal_id = p.grantee_principal_id WHERE g.name = N'crm_readers'"));
        Assert.Equal(1, await ScalarAsync(connection, "SELECT count(*) FROM sys.objects o JOIN sys.database_principals p ON p.principal_id = o.principal_id WHERE o.name = N'OrderFacts' AND p.name = N'crm_readers'"));
    }

    [Fact]
    public async Task The_sample_snapshot_job_writes_one_masked_customer_with_its_orders_as_a_referentially_whole_SQLite_file()
    {
        var prod = await SampleProductionAsync();
        cli.UseEnvironments(("sqlserver-prod", "SqlServer", prod, true));

        var (exitCode, output, error) = await cli.RunAsync(["run", RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm-snapshot.yaml"))]);

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        var (folder, manifest) = Assert.Single(Core.Snapshots.SnapshotCatalog.List(cli.SnapshotsFolder));
        var snapshot = Path.Combine(folder, "sqlserver-crm-snapshot.sqlite");
        Assert.Equal(1L, SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM Customers"));
        Assert.True(SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM Orders") > 0);
        Assert.Equal(0L, SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM Orders WHERE CustomerId NOT IN (SELECT CustomerId FROM Customers)"));
        Assert.Equal(0L, SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM OrderFacts"));
        Assert.Equal(0L, SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal(0L, SqliteTestFile.Scalar<long>(snapshot, "SELECT count(*) FROM Customers WHERE FullName IN ('Ada Lovelace', 'Alan Turing')"));
        Assert.True(manifest.Subset);
    }

    [Fact]
    public async Task A_SQLite_production_refreshes_a_SQL_Server_staging_built_from_the_neutral_model_and_a_CSV_snapshot_restores_into_it()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var production = Path.Combine(cli.Folder, "crm-prod.db");
        SqliteTestFile.CreateDemoProduction(production, 60);
        var customers = SqliteTestFile.Scalar<long>(production, "SELECT count(*) FROM customers");

        var staging = new SqlConnectionStringBuilder(await server.CreateDatabaseAsync($"dr_neutral_probe_{suffix}", Token)) { InitialCatalog = $"dr_neutral_staging_{suffix}" }.ConnectionString;
        var dev = new SqlConnectionStringBuilder(staging) { InitialCatalog = $"dr_neutral_dev_{suffix}" }.ConnectionString;
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={production}", true), ("staging", "SqlServer", staging, false), ("dev", "SqlServer", dev, false));

        var job = cli.WriteFile("to-sqlserver.yaml", $"name: to-sqlserver\nsource: prod\ntarget: staging\nrules: [ {RepositoryPaths.Rules("crm-sqlite.yaml")} ]\n");
        var (exitCode, output, error) = await cli.RunAsync(["run", job]);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");

        await using (var connection = new SqlConnection(staging))
        {
            await connection.OpenAsync(Token);
            Assert.Equal(customers, await ScalarAsync(connection, "SELECT count(*) FROM main.customers"));
            Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM sys.foreign_keys WHERE is_not_trusted = 0") > 0);
        }

        var snapshotJob = cli.WriteFile("csv.yaml", $"name: csv\nsource: prod\nrules: [ {RepositoryPaths.Rules("crm-sqlite.yaml")} ]\nsnapshot:\n  format: csv\n");
        (exitCode, output, error) = await cli.RunAsync(["run", snapshotJob]);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        var (folder, _) = Assert.Single(Core.Snapshots.SnapshotCatalog.List(cli.SnapshotsFolder));

        (exitCode, output, error) = await cli.RunAsync(["snapshot", "restore", folder, "--to", "dev"]);
        Assert.True(exitCode == 0, $"exit {exitCode}\n{output}\n{error}");
        await using var restored = new SqlConnection(dev);
        await restored.OpenAsync(Token);
        Assert.Equal(customers, await ScalarAsync(restored, "SELECT count(*) FROM main.customers"));
    }

    private async Task<string> SampleProductionAsync()
    {
        var prod = await server.CreateDatabaseAsync($"dr_sample_prod_{Guid.NewGuid().ToString("N")[..8]}", Token);
        await SqlServerInstance.RunScriptAsync(prod, "ALTER DATABASE CURRENT SET ALLOW_SNAPSHOT_ISOLATION ON;", Token);
        await SqlServerInstance.RunScriptAsync(prod, File.ReadAllText(RepositoryPaths.Jobs(Path.Combine("sqlserver", "crm.sql"))), Token);
        return prod;
    }

    private static string Quote(string connectionString) => $"[{new SqlConnectionStringBuilder(connectionString).InitialCatalog}]";

    private static async Task<int> ScalarAsync(SqlConnection connection, string sql)
    {
        await using var command = new SqlCommand(sql, connection);
        return (int)(await command.ExecuteScalarAsync(Token));
    }

    public void Dispose() => cli.Dispose();
}
