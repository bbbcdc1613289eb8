using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Core.Tests.Configuration;

public sealed class SettingsTests
{
    private const string Json = """
        {
          "DataRefresh": {
            "Environments": {
              "prod":    { "Provider": "PostgreSql", "ConnectionString": "Host=prod;Database=crm", "Production": true },
              "staging": { "Provider": "PostgreSql", "ConnectionString": "Host=staging;Database=crm" }
            }
          }
        }
        """;

    private static DataRefreshSettings Load(TempFiles files, string json = Json, Dictionary<string, string?>? overrides = null) =>
        SettingsLoader.Load(SettingsLoader.BuildConfiguration(files.Write("appsettings.json", json), overrides), "appsettings.json");

    [Fact]
    public void Environments_load_from_the_file_and_later_sources_override_them()
    {
        using var files = new TempFiles();
        var settings = Load(files, overrides: new() { ["DataRefresh:Environments:staging:ConnectionString"] = "Host=elsewhere;Database=crm" });

        Assert.True(settings.GetEnvironment("prod").Production);
        Assert.False(settings.GetEnvironment("STAGING").Production);
        Assert.Equal("Host=elsewhere;Database=crm", settings.GetEnvironment("staging").ConnectionString);
        Assert.Equal(ProviderKind.PostgreSql, settings.GetEnvironment("staging").Provider);
    }

    [Fact]
    public void The_settings_example_in_the_repository_is_valid()
    {
        var configuration = SettingsLoader.BuildConfiguration(Path.Combine(SampleFiles.Root, "appsettings.sample.json"));

        var settings = SettingsLoader.Load(configuration, "appsettings.sample.json");

        // Passwords come from variables (${PROD_DB_PASSWORD}), filled in only when an environment is used.
        Assert.True(settings.Environments["prod"].Production);
        Assert.False(settings.Environments["staging"].Production);
        Assert.Contains("${PROD_DB_PASSWORD}", settings.Environments["prod"].ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_in_an_environment_name_suggests_the_right_one()
    {
        using var files = new TempFiles();
        var error = Assert.Throws<DataRefreshException>(() => Load(files).GetEnvironment("stagng", new SourceLocation("jobs/x.yaml", 3, 9)));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("jobs/x.yaml:3:9: environment 'stagng' is not defined", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'staging'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_masking_key_says_how_to_set_it()
    {
        using var files = new TempFiles();
        var error = Assert.Throws<DataRefreshException>(() => Load(files).RequireMaskingKey());

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("DataRefresh__MaskingKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_lists_the_known_ones()
    {
        using var files = new TempFiles();
        var error = Assert.Throws<DataRefreshException>(() => Load(files, Json.Replace("\"PostgreSql\", \"ConnectionString\": \"Host=prod", "\"Postgres\", \"ConnectionString\": \"Host=prod", StringComparison.Ordinal)));

        Assert.Contains("provider 'Postgres'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PostgreSql, SqlServer, Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consistency_mode_is_kept_for_SQL_Server_and_refused_for_engines_without_modes()
    {
        using var files = new TempFiles();
        var sqlServer = Load(files, overrides: new()
        {
            ["DataRefresh:Environments:mssql:Provider"] = "SqlServer",
            ["DataRefresh:Environments:mssql:ConnectionString"] = "Server=prod;Database=crm",
            ["DataRefresh:Environments:mssql:Consistency"] = "DatabaseSnapshot",
        });
        Assert.Equal("DatabaseSnapshot", sqlServer.GetEnvironment("mssql").Consistency);
        Assert.Null(sqlServer.GetEnvironment("prod").Consistency);

        var error = Assert.Throws<DataRefreshException>(() => Load(files, overrides: new() { ["DataRefresh:Environments:prod:Consistency"] = "PerTable" }));
        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        Assert.Contains("'prod' in appsettings.json sets Consistency, which only SQL Server sources have", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unset_variable_in_a_connection_string_is_named()
    {
        var error = Assert.Throws<DataRefreshException>(() => SettingsLoader.ExpandVariables("Host=x;Password=${DATAREFRESH_TEST_UNSET_VARIABLE}", "prod"));

        Assert.Contains("DATAREFRESH_TEST_UNSET_VARIABLE", error.Message, StringComparison.Ordinal);
        Assert.Contains("'prod'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_given_on_the_command_line_is_an_error()
    {
        var error = Assert.Throws<DataRefreshException>(() => SettingsLoader.BuildConfiguration("no-such-settings.json"));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
    }

    [Fact]
    public void Production_is_refused_as_a_target()
    {
        var job = new JobDefinition("j", "jobs/j.yaml", "staging", new("jobs/j.yaml", 2, 9), "prod", new("jobs/j.yaml", 3, 9), [], 1, 1, true);
        var prod = new EnvironmentSettings("prod", ProviderKind.PostgreSql, "Host=prod", Production: true);

        var error = Assert.Throws<DataRefreshException>(() => ProductionGuard.EnsureWritable(prod, job));

        Assert.Equal(ExitCodes.ProductionGuard, error.ExitCode);
        Assert.StartsWith("jobs/j.yaml:3:9:", error.Message, StringComparison.Ordinal);
    }
}
