using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Tests.SchemaModel;

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
    public void The_sample_job_checks_clean_against_its_settings()
    {
        var settings = SettingsLoader.Load(SettingsLoader.BuildConfiguration(Sample("appsettings.sqlserver.json")), "appsettings.sqlserver.json");

        var result = Assert.Single(JobFolderCheck.Check(Path.GetDirectoryName(Sample("crm.yaml"))!, settings, new ProviderRegistry([new SqlServerProvider(TimeProvider.System)]), TimeProvider.System));

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Equal(("sqlserver-prod", "sqlserver-staging"), (result.Job!.Source, result.Job.Target));
        Assert.Equal(ProviderKind.SqlServer, settings.Environments["sqlserver-prod"].Provider);
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
