using DataRefresh.Core.Errors;
using DataRefresh.Scheduling.Hosting;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Scheduling.Tests;

/// <summary>The DataRefresh:Scheduler section: defaults, and one sentence for each way it can be wrong (exit 3).</summary>
public sealed class SchedulerSettingsTests
{
    private static SchedulerSettings Load(params (string Key, string Value)[] values) =>
        SchedulerSettings.Load(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>("DataRefresh:Scheduler:" + value.Key, value.Value))).Build(),
            "appsettings.json");

    [Fact]
    public void Without_a_section_a_node_runs_alone_on_the_memory_store_with_sane_defaults()
    {
        var settings = Load();
        Assert.Equal(SchedulerStore.Memory, settings.Store);
        Assert.Equal(TimeSpan.FromMinutes(1), settings.MisfireThreshold);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.Node);
        Assert.Equal("memory (one node)", settings.DescribeStore());
    }

    [Fact]
    public void Rules_are_checked_two_hours_before_a_firing_unless_told_otherwise_and_a_negative_lead_is_refused()
    {
        Assert.Equal(TimeSpan.FromHours(2), Load().DriftCheckLead);
        Assert.Equal(TimeSpan.FromHours(6), Load(("DriftCheckLead", "06:00:00")).DriftCheckLead);
        var error = Assert.Throws<DataRefreshException>(() => Load(("DriftCheckLead", "-01:00:00")));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("DataRefresh:Scheduler:DriftCheckLead is -01:00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_that_does_not_read_is_exit_3_without_echoing_it()
    {
        var error = Assert.Throws<DataRefreshException>(() => Load(("Store", "postgresql"), ("ConnectionString", "Hots=db1;Password=hunter2")));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("ConnectionString is not a PostgreSQL connection string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_postgresql_store_is_described_without_its_password()
    {
        var settings = Load(("Store", "postgresql"), ("ConnectionString", "Host=db1;Port=5433;Database=sched;Username=u;Password=hunter2"));
        Assert.Equal("postgresql db1:5433/sched, clustered", settings.DescribeStore());
    }

    [Fact]
    public void A_sqlserver_store_is_described_without_its_password()
    {
        var settings = Load(("Store", "sqlserver"), ("ConnectionString", "Server=tcp:db1,1433;Database=sched;User ID=u;Password=hunter2"));
        Assert.Equal(SchedulerStore.SqlServer, settings.Store);
        Assert.Equal("sqlserver tcp:db1,1433/sched, clustered", settings.DescribeStore());
    }

    [Theory]
    [InlineData("Hots=db1;Password=hunter2", "ConnectionString is not a SQL Server connection string")]
    [InlineData("Host=db1;Database=sched;Username=u;Password=hunter2", "ConnectionString is not a SQL Server connection string")]
    public void A_sqlserver_connection_string_that_does_not_read_is_exit_3_without_echoing_it(string connectionString, string expected)
    {
        var error = Assert.Throws<DataRefreshException>(() => Load(("Store", "sqlserver"), ("ConnectionString", connectionString)));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Store", "sqlserver", "Store is sqlserver but DataRefresh:Scheduler:ConnectionString is empty")]
    [InlineData("Store", "postgres", "the DataRefresh:Scheduler section does not read")]
    [InlineData("Store", "postgresql", "ConnectionString is empty")]
    [InlineData("PollInterval", "00:00:00", "PollInterval is 00:00:00; give at least")]
    [InlineData("RetryDelay", "-00:01:00", "RetryDelay is -00:01:00; give at least")]
    [InlineData("MaxConcurrentRuns", "0", "MaxConcurrentRuns is 0; give 1 to 32")]
    public void A_wrong_setting_is_one_sentence_naming_it_with_exit_3(string key, string value, string expected)
    {
        var error = Assert.Throws<DataRefreshException>(() => Load((key, value)));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.StartsWith("appsettings.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
