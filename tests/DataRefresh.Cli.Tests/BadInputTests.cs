using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Every kind of bad input a refresh can meet, on a real server: each gets one <c>error:</c> sentence (no stack trace, no
/// value), its documented exit code, and leaves the target as it was (here: a previous copy holding a marker row, or no
/// target at all) with no side database behind.
/// </summary>
public sealed class BadInputTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, 200)
{

    private static string SampleRules => RepositoryPaths.Rules("crm.yaml");

    private string Job(string body) => Cli.WriteFile("job.yaml", body);

    private string SampleJob(string extra = "") => Job($"source: prod\ntarget: staging\nrules: [ {SampleRules} ]\n{extra}");

    /// <summary>One error line, no stack trace, the expected code, and nothing left on the Server.</summary>
    private async Task<string> AssertRefusedAsync(int expectedExitCode, string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (exitCode, output, error) = settings is null ? await Cli.RunAsync(args) : await Cli.RunAsync(args, settings, Token);
        Assert.True(exitCode == expectedExitCode, $"exit {exitCode}, expected {expectedExitCode}: {error}");
        var errorLines = error.Split('\n').Where(line => line.StartsWith("error:", StringComparison.Ordinal)).ToList();
        Assert.Single(errorLines);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRunner.MaskingKey, output + error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
        return errorLines[0];
    }

    [Fact]
    public async Task A_SQL_Server_target_that_cannot_be_reached_stops_a_PostgreSQL_source_s_run_before_data_moves_without_its_password()
    {
        // A PostgreSQL source builds a SQL Server target from the neutral model; this one's port is closed.
        Cli.UseEnvironments(("prod", "PostgreSql", Prod, true), ("staging", "SqlServer", "Server=tcp:127.0.0.1,1;Database=crm_staging;User ID=u;Password=sqlserver-secret;Connect Timeout=5;ConnectRetryCount=0", false));

        var line = await AssertRefusedAsync(ExitCodes.DatabaseUnavailable, ["run", SampleJob()]);

        Assert.Contains("staging", line, StringComparison.Ordinal);
        Assert.DoesNotContain("sqlserver-secret", Cli.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_yaml_in_a_job_or_a_rule_file_is_located()
    {
        var job = Job("source: prod\ntarget: [staging\n");
        Assert.Contains($"{job}:", await AssertRefusedAsync(ExitCodes.InvalidJobOrRules, ["run", job]), StringComparison.Ordinal);

        var rules = Cli.WriteFile("broken.yaml", "version: 1\ntables:\n  public.customers:\n    columns: { id: { mask: keep\n");
        var line = await AssertRefusedAsync(ExitCodes.InvalidJobOrRules, ["run", Job($"source: prod\ntarget: staging\nrules: [ {rules} ]\n")]);
        Assert.Contains($"{rules}:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_keys_and_strategies_are_located_with_a_suggestion()
    {
        var line = await AssertRefusedAsync(ExitCodes.InvalidJobOrRules, ["run", SampleJob("paralelism: 2\n")]);
        Assert.Contains(":4:1:", line, StringComparison.Ordinal);
        Assert.Contains("'parallelism'", line, StringComparison.Ordinal);

        var rules = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      email: { mask: hsah }\n");
        line = await AssertRefusedAsync(ExitCodes.InvalidJobOrRules, ["run", Job($"source: prod\ntarget: staging\nrules: [ {rules} ]\n")]);
        Assert.Contains($"{rules}:6:", line, StringComparison.Ordinal);
        Assert.Contains("'hash'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_dictionary_file_is_located_in_the_rule_file()
    {
        var rules = Cli.WriteFile("lookup.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      first_name: { mask: lookup, file: names.csv, column: name }\n");

        var line = await AssertRefusedAsync(ExitCodes.InvalidJobOrRules, ["run", Job($"source: prod\ntarget: staging\nrules: [ {rules} ]\n")]);

        Assert.Contains($"{rules}:6:", line, StringComparison.Ordinal);
        Assert.Contains("names.csv", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short")]
    public async Task An_empty_or_short_masking_key_is_refused_before_any_connection(string key)
    {
        var line = await AssertRefusedAsync(ExitCodes.Configuration, ["run", SampleJob()], new Dictionary<string, string?> { ["DataRefresh:MaskingKey"] = key });

        Assert.Contains("masking key", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unset_variable_in_a_connection_string_names_the_variable_and_the_environment()
    {
        var withVariable = new NpgsqlConnectionStringBuilder(Prod) { Password = "${DATAREFRESH_TEST_NEVER_SET_PASSWORD}" }.ConnectionString;
        Cli.UseEnvironments(("prod", withVariable, true), ("staging", Staging, false));

        var line = await AssertRefusedAsync(ExitCodes.Configuration, ["run", SampleJob()]);

        Assert.Contains("DATAREFRESH_TEST_NEVER_SET_PASSWORD", line, StringComparison.Ordinal);
        Assert.Contains("'prod'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_environment_in_a_job_is_located_with_a_suggestion()
    {
        var line = await AssertRefusedAsync(ExitCodes.Configuration, ["run", Job($"source: prood\ntarget: staging\nrules: [ {SampleRules} ]\n")]);

        Assert.Contains(":1:", line, StringComparison.Ordinal);
        Assert.Contains("did you mean 'prod'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_sentence_about_the_network()
    {
        Cli.UseEnvironments(("prod", "Host=127.0.0.1;Port=1;Database=crm;Username=u;Password=unreachable-secret;Timeout=3", true), ("staging", Staging, false));

        var line = await AssertRefusedAsync(ExitCodes.DatabaseUnavailable, ["run", SampleJob()]);

        Assert.Contains("cannot reach", line, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable-secret", Cli.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_user_without_read_permission_on_a_table_is_told_which_grant_is_missing()
    {
        var role = await CreateRoleAsync("reader", "");
        await PostgreSqlServerFixture.ExecuteAsync(
            Prod,
            $"GRANT USAGE ON SCHEMA public TO {role}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}; GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}; REVOKE SELECT ON payments FROM {role};",
            Token);
        Cli.UseEnvironments(("prod", As(Prod, role), true), ("staging", Staging, false));

        var line = await AssertRefusedAsync(ExitCodes.RefreshFailed, ["run", SampleJob()]);

        Assert.Contains("permission denied", line, StringComparison.Ordinal);
        Assert.Contains("payments", line, StringComparison.Ordinal);
        Assert.Contains("grant", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_user_that_cannot_create_databases_is_told_so_and_nothing_changes()
    {
        var role = await CreateRoleAsync("writer", "NOCREATEDB");
        Cli.UseEnvironments(("prod", Prod, true), ("staging", As(Staging, role), false));

        var line = await AssertRefusedAsync(ExitCodes.RefreshFailed, ["run", SampleJob()]);

        Assert.Contains("cannot create the side database for target 'staging'", line, StringComparison.Ordinal);
        Assert.Contains("permission denied", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_the_rules_name_that_was_dropped_after_plan_stops_run_before_anything_is_written()
    {
        var (planExit, _, planError) = await Cli.RunAsync(["plan", SampleJob()]);
        Assert.True(planExit == 0, planError);
        await PostgreSqlServerFixture.ExecuteAsync(Prod, "ALTER TABLE customers DROP COLUMN phone", Token);

        var line = await AssertRefusedAsync(ExitCodes.RulesDoNotMatchSchema, ["run", SampleJob()]);

        Assert.Contains("has no column 'phone'", line + Cli.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_says_what_a_run_would_miss_one_line_each_and_writes_nothing()
    {
        var reader = await CreateRoleAsync("reader", "");
        await PostgreSqlServerFixture.ExecuteAsync(Prod, $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {reader}; REVOKE SELECT ON payments FROM {reader}", Token);
        var writer = await CreateRoleAsync("writer", "NOCREATEDB");
        Cli.UseEnvironments(("prod", As(Prod, reader), true), ("staging", As(Staging, writer), false));

        var (exitCode, output, error) = await Cli.RunAsync(["plan", SampleJob()]);

        Assert.True(exitCode == ExitCodes.PreflightFailed, error + output);
        Assert.Contains($"MISSING  source user {reader} cannot read public.payments: GRANT USAGE ON SCHEMA … and GRANT SELECT ON those tables TO {reader}", output, StringComparison.Ordinal);
        Assert.Contains($"MISSING  target user {writer} cannot create databases, and a run loads into a side database: ALTER ROLE {writer} CREATEDB", output, StringComparison.Ordinal);
        Assert.Contains("2 thing(s) a run needs are missing", output, StringComparison.Ordinal);
        Assert.DoesNotContain(RolePassword, Cli.AllOutput, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    private const string RolePassword = "role-password-1";

    private Task<string> CreateRoleAsync(string prefix, string options) => Server.CreateLoginRoleAsync(prefix, RolePassword, options, Token);

    private static string As(string connectionString, string role) => PostgreSqlServerFixture.ConnectAs(connectionString, role, RolePassword);
}
