using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Core.Tests.Audit;

/// <summary>Where the history lives: the SQLite file by default, or a shared database on the engine the settings name.</summary>
public sealed class AuditSettingsTests
{
    private static AuditSettings Load(params (string Key, string Value)[] values) =>
        AuditSettings.Load(
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(value => new KeyValuePair<string, string?>("DataRefresh:" + value.Key, value.Value))).Build(),
            "appsettings.json");

    [Fact]
    public void Without_settings_the_history_is_a_file_beside_the_audit_file()
    {
        var settings = Load();

        Assert.Null(settings.HistoryConnectionString);
        Assert.Equal(Path.Combine("audit", "datarefresh-history.db"), settings.HistoryFile);
    }

    [Fact]
    public void A_connection_string_alone_is_PostgreSQL_as_it_always_was()
    {
        var settings = Load(("History:ConnectionString", "Host=db1;Database=h"));

        Assert.Equal(("Host=db1;Database=h", ProviderKind.PostgreSql), (settings.HistoryConnectionString, settings.HistoryProvider));
    }

    [Theory]
    [InlineData("sqlserver", ProviderKind.SqlServer)]
    [InlineData("SqlServer", ProviderKind.SqlServer)]
    [InlineData("PostgreSql", ProviderKind.PostgreSql)]
    public void The_provider_names_the_engine_of_the_connection_string(string provider, ProviderKind expected)
    {
        var settings = Load(("History:ConnectionString", "Server=db1;Database=h"), ("History:Provider", provider));

        Assert.Equal(expected, settings.HistoryProvider);
    }

    [Theory]
    [InlineData("sqlserver", ProviderKind.SqlServer)]
    [InlineData("postgresql", ProviderKind.PostgreSql)]
    public void A_schedule_kept_in_a_database_keeps_the_history_there_on_the_same_engine(string store, ProviderKind expected)
    {
        var settings = Load(("Scheduler:Store", store), ("Scheduler:ConnectionString", "the scheduler's"));

        Assert.Equal(("the scheduler's", expected), (settings.HistoryConnectionString, settings.HistoryProvider));
    }

    [Fact]
    public void A_history_connection_string_of_its_own_wins_over_the_scheduler_s()
    {
        var settings = Load(("Scheduler:Store", "sqlserver"), ("Scheduler:ConnectionString", "the scheduler's"), ("History:ConnectionString", "Host=h"), ("History:Provider", "PostgreSql"));

        Assert.Equal(("Host=h", ProviderKind.PostgreSql), (settings.HistoryConnectionString, settings.HistoryProvider));
    }

    [Theory]
    [InlineData("Sqlite", "History:Provider is 'Sqlite', which is not an engine the history store runs on; give PostgreSql or SqlServer")]
    [InlineData("oracle", "History:Provider is 'oracle', which is not an engine the history store runs on")]
    public void An_engine_the_store_does_not_run_on_is_refused_with_exit_3(string provider, string expected)
    {
        var error = Assert.Throws<DataRefreshException>(() => Load(("History:ConnectionString", "x"), ("History:Provider", provider)));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.StartsWith("appsettings.json: DataRefresh:", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_without_a_connection_string_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<DataRefreshException>(() => Load(("History:Provider", "SqlServer")));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("DataRefresh:History:Provider is SqlServer but DataRefresh:History:ConnectionString is empty", error.Message, StringComparison.Ordinal);
    }
}
