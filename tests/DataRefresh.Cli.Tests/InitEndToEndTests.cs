using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>init</c> on the sample CRM database, walked as a new user would: init, the draft refused by validate and run, the
/// reviewer deletes the mark, then validate, plan and run succeed. Connection strings come from environment variables of
/// names no other test uses, and never reach a file or the output.
/// </summary>
public sealed class InitEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers, prodPrefix: "init")
{
    private const int Customers = 300;
    private readonly string sourceVariable = $"DATAREFRESH_TEST_INIT_SOURCE_{Guid.NewGuid():N}";
    private readonly string targetVariable = $"DATAREFRESH_TEST_INIT_TARGET_{Guid.NewGuid():N}";

    private string RulesFile => Path.Combine(Cli.Folder, "rules", "prod.yaml");

    private string JobFile => Path.Combine(Cli.Folder, "jobs", "prod-to-staging.yaml");

    protected override Task UseEnvironmentsAsync()
    {
        Environment.SetEnvironmentVariable(sourceVariable, Prod);
        Environment.SetEnvironmentVariable(targetVariable, Staging);
        Cli.UseNewSettingsFile();
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable(sourceVariable, null);
        Environment.SetEnvironmentVariable(targetVariable, null);
        return base.DisposeAsync();
    }

    [Fact]
    public async Task Init_drafts_every_column_and_the_reviewed_draft_runs()
    {
        var (exitCode, output, error) = await InitAsync();

        Assert.True(exitCode == ExitCodes.Success, error);
        var settings = await File.ReadAllTextAsync(Cli.SettingsFile, Token);
        Assert.Contains($"\"ConnectionString\": \"${{{sourceVariable}}}\"", settings, StringComparison.Ordinal);
        Assert.Contains("\"Production\": true", settings, StringComparison.Ordinal);
        var draft = await File.ReadAllTextAsync(RulesFile, Token);
        Assert.Contains("draft:", draft, StringComparison.Ordinal);
        Assert.Contains("\"email\": { mask: \"fake\", faker: \"internet.email\"", draft, StringComparison.Ordinal);
        Assert.Contains("\"amount\": { mask: \"keep\", classification: \"internal\", reason: \"drafted by init:", draft, StringComparison.Ordinal);
        // Every column of every table a run copies (a partitioned table once, not its partitions).
        const string tableColumns = """
            SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            """;
        var columns = await PostgreSqlServerFixture.ScalarAsync<long>(Prod, tableColumns, Token);
        Assert.Contains($"a DRAFT listing all {columns} columns", output, StringComparison.Ordinal);
        Assert.Contains($"datarefresh validate --job {JobFile}", output, StringComparison.Ordinal);
        AssertNoConnectionStringIn(settings + draft + await File.ReadAllTextAsync(JobFile, Token) + Cli.AllOutput);

        // A draft: plan works on it; validate and run refuse it by file and line, and the run creates nothing.
        var (planned, planOutput, planError) = await Cli.RunAsync(["plan", JobFile]);
        Assert.True(planned == ExitCodes.Success, planError);
        Assert.Contains("public.customers", planOutput, StringComparison.Ordinal);
        var (validated, _, validateError) = await Cli.RunAsync(["validate", "--job", JobFile]);
        Assert.Equal(ExitCodes.InvalidJobOrRules, validated);
        // The rule file is named as the job names it (relative to the working directory), with its line.
        Assert.Contains($"{Path.Combine("rules", "prod.yaml")}:5:1: this rule file is a draft, so validate refuses it", validateError, StringComparison.Ordinal);
        var (ran, _, runError) = await Cli.RunAsync(["run", JobFile], Records(), Token);
        Assert.Equal(ExitCodes.InvalidJobOrRules, ran);
        Assert.Contains("so run refuses it", runError, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));

        // The reviewer accepts the draft by deleting its mark.
        await File.WriteAllLinesAsync(RulesFile, (await File.ReadAllLinesAsync(RulesFile, Token)).Where(line => !line.StartsWith("draft:", StringComparison.Ordinal)), Token);
        var (valid, _, validError) = await Cli.RunAsync(["validate", "--job", JobFile]);
        Assert.True(valid == ExitCodes.Success, validError);
        var (refreshed, _, refreshError) = await Cli.RunAsync(["run", JobFile], Records(), Token);
        Assert.True(refreshed == ExitCodes.Success, refreshError);
        Assert.Equal(Customers, await PostgreSqlServerFixture.ScalarAsync<long>(Staging, "SELECT count(*) FROM customers", Token));
        var original = await EmailsAsync(Prod);
        Assert.Empty((await EmailsAsync(Staging)).Intersect(original));
    }

    [Fact]
    public async Task Init_replaces_no_file_without_force_and_writes_nothing_for_a_production_target()
    {
        Assert.Equal(ExitCodes.Success, (await InitAsync()).ExitCode);
        var draft = await File.ReadAllTextAsync(RulesFile, Token);
        await File.WriteAllTextAsync(RulesFile, draft + "# reviewed by me\n", Token);

        var (again, _, againError) = await InitAsync();
        Assert.Equal(ExitCodes.Usage, again);
        Assert.Contains("already exist; pass --force to replace", againError, StringComparison.Ordinal);
        Assert.EndsWith("# reviewed by me\n", await File.ReadAllTextAsync(RulesFile, Token), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, (await InitAsync("--force")).ExitCode);
        Assert.DoesNotContain("# reviewed by me", await File.ReadAllTextAsync(RulesFile, Token), StringComparison.Ordinal);

        // A target that leads to the production database is refused before anything is scanned or written.
        Cli.UseNewSettingsFile();
        File.Delete(RulesFile);
        File.Delete(JobFile);
        var (refused, _, refusal) = await Cli.RunAsync(["init", "--source", "prod", "--target", "staging", "--source-from", sourceVariable, "--target-from", sourceVariable, "--rules", RulesFile, "--job", JobFile], withMaskingKey: false);
        Assert.Equal(ExitCodes.ProductionGuard, refused);
        Assert.Contains("leads to the same server and database as 'prod'", refusal, StringComparison.Ordinal);
        Assert.False(File.Exists(Cli.SettingsFile) || File.Exists(RulesFile) || File.Exists(JobFile));
    }

    [Fact]
    public async Task Init_uses_the_environments_of_an_existing_settings_file_and_never_edits_it()
    {
        Cli.UseEnvironments(("prod", Prod, true), ("staging", Staging, false), ("live", Server.ConnectionStringFor(Server.UniqueName("live")), true));
        var settings = await File.ReadAllTextAsync(Cli.SettingsFile, Token);

        var (exitCode, output, error) = await Cli.RunAsync(["init", "--source", "prod", "--target", "staging", "--rules", RulesFile, "--job", JobFile], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Equal(settings, await File.ReadAllTextAsync(Cli.SettingsFile, Token));
        Assert.DoesNotContain("Wrote " + Cli.SettingsFile, output, StringComparison.Ordinal);
        Assert.Contains("source: \"prod\"", await File.ReadAllTextAsync(JobFile, Token), StringComparison.Ordinal);

        // A target marked production, and naming one environment twice, are refused before anything is written.
        var (production, _, productionError) = await Cli.RunAsync(["init", "--source", "prod", "--target", "live", "--rules", RulesFile + ".2", "--job", JobFile + ".2"], withMaskingKey: false);
        Assert.Equal(ExitCodes.ProductionGuard, production);
        Assert.Contains("environment 'live': it is marked \"Production\": true", productionError, StringComparison.Ordinal);
        var (same, _, sameError) = await Cli.RunAsync(["init", "--source", "prod", "--target", "prod", "--rules", RulesFile + ".3", "--job", JobFile + ".3"], withMaskingKey: false);
        Assert.Equal(ExitCodes.Usage, same);
        Assert.Contains("--source and --target are both 'prod'", sameError, StringComparison.Ordinal);
        Assert.False(File.Exists(RulesFile + ".2") || File.Exists(JobFile + ".2") || File.Exists(RulesFile + ".3"));
    }

    private Task<(int ExitCode, string Out, string Error)> InitAsync(params string[] extra) =>
        Cli.RunAsync(["init", "--source", "prod", "--target", "staging", "--source-from", sourceVariable, "--target-from", targetVariable, "--rules", RulesFile, "--job", JobFile, .. extra], withMaskingKey: false);

    /// <summary>The masking key, and audit records in the runner's folder rather than the working directory.</summary>
    private Dictionary<string, string?> Records() => new()
    {
        ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey,
        [AuditSettings.AuditFileSetting] = Cli.AuditFile,
        [AuditSettings.HistoryFileSetting] = Cli.HistoryFile,
    };

    private static async Task<List<string>> EmailsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new Npgsql.NpgsqlCommand("SELECT email FROM customers", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var emails = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }

    private void AssertNoConnectionStringIn(string text)
    {
        Assert.DoesNotContain(Prod, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Staging, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", text, StringComparison.OrdinalIgnoreCase);
    }
}
