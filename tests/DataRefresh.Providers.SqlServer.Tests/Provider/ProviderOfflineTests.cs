using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Target;

namespace DataRefresh.Providers.SqlServer.Tests.Provider;

/// <summary>What of the registered provider can be checked without a server: settings refused before connecting, descriptions without secrets, the statements it sends.</summary>
public sealed class ProviderOfflineTests
{
    private static readonly SqlServerProvider Provider = new(TimeProvider.System);

    [Fact]
    public async Task An_unknown_consistency_mode_is_refused_naming_the_setting_and_the_modes_before_connecting()
    {
        var source = new EnvironmentSettings("prod", ProviderKind.SqlServer, "Server=tcp:nowhere.invalid,1;Database=crm;Password=hunter2", true) { Consistency = "Snapshots" };

        var error = await Assert.ThrowsAsync<DataRefreshException>(() => Provider.OpenCatalogAsync(source, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("DataRefresh:Environments:prod:Consistency to one of Snapshot, DatabaseSnapshot, PerTable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_explained_naming_the_environment_without_its_password()
    {
        // The client really tries (a closed port on this machine): it runs with ICU, which it refuses to connect without.
        var target = new EnvironmentSettings("staging", ProviderKind.SqlServer, "Server=tcp:127.0.0.1,1;Database=crm;User ID=u;Password=hunter2;Connect Timeout=5;ConnectRetryCount=0", false);

        var check = Assert.Single(await Provider.PreflightTargetAsync(target, TestContext.Current.CancellationToken));

        Assert.Equal(Core.Preflight.PreflightStatus.Missing, check.Status);
        Assert.Contains("connecting to environment 'staging'", check.Text, StringComparison.Ordinal);
        Assert.Contains("cannot reach the SQL Server", check.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", check.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_on_a_source_drops_nothing_but_a_database_snapshot_of_the_runs_own_name_and_checks_before_connecting()
    {
        var source = new EnvironmentSettings("prod", ProviderKind.SqlServer, "Server=tcp:nowhere.invalid,1;Database=crm", true);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Provider.DropSourceLeftoverAsync(source, "crm", TestContext.Current.CancellationToken));

        Assert.StartsWith("crm is not a database snapshot a run of prod creates.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_provider_says_it_is_unverified_and_sequential_and_describes_connections_without_passwords()
    {
        Assert.Contains("offline only", Provider.Capabilities.Unverified, StringComparison.Ordinal);
        Assert.Equal(Core.Providers.CutOverKind.Sequential, Provider.Capabilities.CutOver);
        Assert.DoesNotContain("hunter2", Provider.DescribeConnection("Server=db1;Database=crm;User ID=u;Password=hunter2"), StringComparison.Ordinal);
    }

    [Fact]
    public void After_step_files_are_cut_into_batches_at_GO_lines_with_the_line_each_starts_on()
    {
        var batches = SqlServerTargetLoad.Batches("UPDATE a SET b = 1;\r\ngo\n\nCREATE VIEW v AS SELECT 1 AS x;\n  GO  \nSELECT 'GO';\n").ToList();

        Assert.Equal([(1, "UPDATE a SET b = 1;"), (3, "\nCREATE VIEW v AS SELECT 1 AS x;"), (6, "SELECT 'GO';\n")], batches);
        Assert.All(batches, batch => TSql.Parse(batch.Sql));
    }

    [Fact]
    public void A_table_is_read_with_its_CLR_typed_columns_as_bytes_and_parses()
    {
        var table = new TableInfo(
            new QualifiedName("crm", "Places"),
            [SqlServerTypes.Column("Id", "int", 4, 10, 0, true, false), SqlServerTypes.Column("Where", "geography", -1, 0, 0, false, false)],
            [],
            10,
            false);

        var select = SqlServerRowSelect.Select(table, ["Id", "Where"], ["(t0.[Id] > 3)"]);

        Assert.Equal("SELECT t0.[Id], CAST(t0.[Where] AS varbinary(max)) AS [Where] FROM [crm].[Places] AS t0 WHERE (t0.[Id] > 3)", select);
        TSql.Parse(select);
    }
}
