using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Tests.SchemaModel;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Providers.SqlServer.Tests.Provider;

/// <summary>
/// The SQL Server sample in the repository (jobs/sqlserver: the CRM script, its job and settings; rules/crm-sqlserver.yaml)
/// holds together without a server: the job checks clean against its settings with the SQL Server provider, and its rules
/// account for every column of the sample CRM's catalog, which is what crm.sql reads back as on a real server.
/// </summary>
public sealed class SampleJobTests
{
    private static string Sample(string file) => RepositoryPaths.Jobs(Path.Combine("sqlserver", file));

    [Fact]
    public void The_sample_jobs_check_clean_against_their_settings()
    {
        var settings = SettingsLoader.Load(SettingsLoader.BuildConfiguration(Sample("appsettings.sqlserver.json")), "appsettings.sqlserver.json");

        var results = JobFolderCheck.Check(Path.GetDirectoryName(Sample("crm.yaml"))!, settings, new ProviderRegistry([new SqlServerProvider(TimeProvider.System)]), TimeProvider.System);

        Assert.All(results, result => Assert.True(result.IsValid, string.Join("\n", result.Problems)));
        var refresh = results.Single(result => result.Job!.Name == "sqlserver-crm-staging").Job!;
        Assert.Equal(("sqlserver-prod", "sqlserver-staging"), (refresh.Source, refresh.Target));
        Assert.NotNull(results.Single(result => result.Job!.Name == "sqlserver-crm-snapshot").Job!.Snapshot);
        Assert.Equal(ProviderKind.SqlServer, settings.Environments["sqlserver-prod"].Provider);
    }

    /// <summary>
    /// The snapshot job's subset over the sample's catalog as SQL Server describes it (schema crm, identity keys, the
    /// foreign keys of crm.sql) and crm.sql's rows, served by an in-memory source: exactly one customer, that customer's
    /// orders and contracts, nothing from the tables a customer does not reach.
    /// </summary>
    [Fact]
    public async Task The_sample_snapshot_job_chooses_one_customer_with_its_orders_and_contracts_over_the_sample_CRM_s_catalog()
    {
        var schema = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create()).Schema;
        var rules = RuleFileLoader.Load([RepositoryPaths.Rules("crm-sqlserver.yaml")], "dbo");
        var plan = RefreshPlanner.Check(schema, rules);
        var job = JobFileLoader.Load(Sample("crm-snapshot.yaml"));
        var server = new InMemoryServer();
        var database = server.CreateDatabase("crm");
        object?[] Row(string table, params (string Column, object? Value)[] values) =>
            [.. schema.FindTable(new("crm", table))!.Columns.Select(column => values.FirstOrDefault(value => value.Column == column.Name).Value)];
        var rows = new Dictionary<string, object?[][]>
        {
            ["Customers"] = [Row("Customers", ("CustomerId", 1L), ("FullName", "Ada Lovelace")), Row("Customers", ("CustomerId", 2L), ("FullName", "Alan Turing"))],
            ["Orders"] = [Row("Orders", ("OrderId", 1L), ("CustomerId", 1L)), Row("Orders", ("OrderId", 2L), ("CustomerId", 1L)), Row("Orders", ("OrderId", 3L), ("CustomerId", 2L))],
            ["OrderFacts"] = [Row("OrderFacts", ("OrderId", 1L)), Row("OrderFacts", ("OrderId", 3L))],
            ["Contracts"] = [Row("Contracts", ("ContractId", 1L), ("CustomerId", 1L)), Row("Contracts", ("ContractId", 2L), ("CustomerId", 2L))],
            ["ContractsHistory"] = [Row("ContractsHistory", ("ContractId", 1L), ("CustomerId", 1L))],
        };
        foreach (var table in schema.Tables)
        {
            database.AddTable(table, rows[table.Name.Name]);
        }

        await using var source = await new InMemoryProvider(server, kind: ProviderKind.SqlServer).OpenCatalogAsync(new EnvironmentSettings("sqlserver-prod", ProviderKind.SqlServer, "crm", Production: true), TestContext.Current.CancellationToken);
        var chosen = await Core.Planning.Subsets.SubsetClosure.ComputeAsync(source, plan, job.Subset!, Core.Masking.MaskingKey.FromSecret("sample-snapshot-masking-key-0001"), "dbo", TestContext.Current.CancellationToken);

        long? Chosen(string table) => chosen.For(new("crm", table))!.Rows;
        Assert.Equal(1, Chosen("Customers"));
        var customer = rows["Customers"].Single(row => chosen.For(new("crm", "Customers"))!.Filter!.Contains(row))[0];
        var orders = rows["Orders"].Count(row => Equals(row[schema.FindTable(new("crm", "Orders"))!.Columns.ToList().FindIndex(column => column.Name == "CustomerId")], customer));
        Assert.Equal(orders, Chosen("Orders"));
        Assert.Equal(1, Chosen("Contracts"));
        Assert.Equal(0, Chosen("OrderFacts"));
        Assert.Equal(0, Chosen("ContractsHistory"));
    }

    [Fact]
    public void The_sample_rules_decide_every_column_of_the_sample_CRM_and_plan_without_a_finding()
    {
        var schema = CatalogAssembler.Assemble(SampleCrmCatalogRows.Create()).Schema;
        var rules = RuleFileLoader.Load([RepositoryPaths.Rules("crm-sqlserver.yaml")], "dbo");

        var plan = RefreshPlanner.Check(schema, rules);

        Assert.Empty(plan.Findings.Select(finding => finding.ToString()));
        Assert.Equal(schema.Tables.Count, rules.Tables.Count);
    }
}
