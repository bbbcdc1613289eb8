using DataRefresh.Core.Errors;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>validate</c> and <c>report</c> against the sample database on a real PostgreSQL: each test gets its own fresh copy,
/// so tests that alter the schema affect nobody else.
/// </summary>
public sealed class ValidateAndReportEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers)
{
    private const int Customers = 200;

    // Values the sample database holds (crm-prod.sql). A report describes rules and schema, so none may appear in one.
    private static readonly string[] SampleValues = ["person1@example.com", "@example.com", "Hauptstraße", "4111", "+49 30", "Schmidt", "Anna", "tag1"];


    private static string SampleRules => RepositoryPaths.Rules("crm.yaml");

    private Task<(int ExitCode, string Out, string Error)> ValidateAsync(params string[] ruleFiles) =>
        Cli.RunAsync(["validate", "--rules", .. ruleFiles, "--env", "prod"], withMaskingKey: false);

    private Task<(int ExitCode, string Out, string Error)> ReportAsync(params string[] arguments) =>
        Cli.RunAsync(["report", "--rules", SampleRules, "--env", "prod", .. arguments], withMaskingKey: false);

    [Fact]
    public async Task The_sample_rules_validate_clean_against_the_sample_database()
    {
        var (exitCode, output, error) = await ValidateAsync(SampleRules);

        Assert.True(exitCode == 0, output + error);
        Assert.DoesNotContain("error", output, StringComparison.Ordinal);
        Assert.Contains("4 tables (4 with rules), 30 columns:", output, StringComparison.Ordinal);
        Assert.Contains("25 covered: 9 masked, 0 inherited from keys, 16 kept with a reason", output, StringComparison.Ordinal);
        Assert.Contains("0 unlisted (unlisted: fail), 1 generated, 4 in tables copied without rows", output, StringComparison.Ordinal);
        Assert.Contains("unique columns: 0 with collisions resolved, 1 masked injectively", output, StringComparison.Ordinal);
        Assert.Contains("OK: the rules match the schema.", output, StringComparison.Ordinal);

        // The job form reads the same rules and its source environment.
        var (jobExitCode, jobOutput, jobError) = await Cli.RunAsync(["validate", "--job", RepositoryPaths.Jobs("nightly-staging.yaml")], withMaskingKey: false);
        Assert.True(jobExitCode == 0, jobOutput + jobError);
        Assert.Contains("against 'prod'", jobOutput, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task An_unknown_column_is_a_located_finding_with_a_suggestion()
    {
        var rules = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      frist_name: { mask: hash }\n");

        var (exitCode, output, _) = await ValidateAsync(rules);

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("1 error:", output, StringComparison.Ordinal);
        Assert.Contains($"{rules}:6:7: table public.customers has no column 'frist_name' (did you mean 'first_name'?)", output, StringComparison.Ordinal);
        Assert.Contains("FAILED: 1 error; a run would refuse to start.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email: { mask: partial, keepFirst: 2 }", "public.customers.email must stay unique, but mask 'partial keepFirst=2 keepLast=0 maskChar=*' can repeat values")]
    [InlineData("email: { mask: constant, value: \"x@example.invalid\" }", "public.customers.email must stay unique, but mask 'constant value=x@example.invalid' can repeat values")]
    [InlineData("street: { mask: shift-date, days: 30 }", "column public.customers.street is a text column; shift-date fits")]
    public async Task Rules_that_would_break_the_load_are_errors(string rule, string expected)
    {
        var rules = Cli.WriteFile("bad.yaml", $"version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      {rule}\n");

        var (exitCode, output, _) = await ValidateAsync(rules);

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains($"{rules}:6:", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_added_to_production_is_unlisted_and_stops_validate_and_run()
    {
        await PostgreSqlServerFixture.ExecuteAsync(Prod, "ALTER TABLE customers ADD COLUMN nickname text", Token);

        var (exitCode, output, _) = await ValidateAsync(SampleRules);
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("public.customers has a column no rule masks or keeps: nickname (unlisted: fail)", output, StringComparison.Ordinal);
        Assert.Contains("1 unlisted (unlisted: fail)", output, StringComparison.Ordinal);

        var (runExitCode, _, runError) = await Cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")]);
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, runExitCode);
        Assert.Contains("nickname", runError, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));

        // The report shows it as unlisted and, by its name, as suspicious; it still renders (exit 0) and warns.
        var (reportExitCode, markdown, reportError) = await ReportAsync();
        Assert.Equal(0, reportExitCode);
        Assert.Contains("| nickname | text |  | **UNLISTED** |", markdown, StringComparison.Ordinal);
        Assert.Contains("- **`public.customers.nickname`** (text, UNLISTED): name suggests a person's name", markdown, StringComparison.Ordinal);
        Assert.Contains("| unlisted | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("the rules have 1 error", reportError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_environment_is_one_sentence_with_a_suggestion()
    {
        var (exitCode, _, error) = await Cli.RunAsync(["validate", "--rules", SampleRules, "--env", "prdo"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("environment 'prdo' is not defined", error, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'prod'?)", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Validate_without_rules_or_job_is_a_usage_error()
    {
        var (exitCode, _, error) = await Cli.RunAsync(["validate", "--env", "prod"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("validate needs --rules <files…> and --env <environment>, or --job <file>.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_markdown_report_has_the_totals_and_every_table_and_column()
    {
        var (exitCode, markdown, error) = await ReportAsync("--format", "md");

        Assert.True(exitCode == 0, error);
        Assert.Contains("| columns | 30 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| masked | 9 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| kept, with a reason | 16 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| unlisted | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| pii | 8 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| unclassified | 5 |", markdown, StringComparison.Ordinal);
        Assert.Contains("No column copied unchanged has a name that suggests personal data.", markdown, StringComparison.Ordinal);
        foreach (var table in new[] { "public.customers", "public.orders", "public.payments", "public.audit_trail" })
        {
            Assert.Contains($"### {table}", markdown, StringComparison.Ordinal);
        }

        foreach (var (_, column) in await SchemaColumnsAsync())
        {
            Assert.Contains($"| {column} |", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("| first_name | character varying(40) | pii | fake faker=name.firstName locale=en | deterministic under the masking key |  |  | crm-team |", markdown, StringComparison.Ordinal);
        Assert.Contains("| phone | phone_number | pii | constant value=555-0100 | deterministic (no key) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| email | character varying(120) | pii | hash domain=person-email | deterministic under the masking key | unique key: injective |", markdown, StringComparison.Ordinal);
        Assert.Contains("| full_name | text |  | generated (the target computes it) |", markdown, StringComparison.Ordinal);
        Assert.Contains("rows: where ordered_at >= timestamptz '2024-06-01 00:00:00+00'", markdown, StringComparison.Ordinal);
        Assert.Contains("rows: none (schema only)", markdown, StringComparison.Ordinal);
        AssertNoSampleValues(markdown);
    }

    [Fact]
    public async Task The_html_report_is_one_self_contained_file_without_row_values()
    {
        var file = Path.Combine(Path.GetDirectoryName(Cli.SettingsFile)!, "report.html");

        var (exitCode, output, error) = await ReportAsync("--format", "html", "--output", file);

        Assert.True(exitCode == 0, error);
        Assert.Contains("Wrote the report (30 columns in 4 tables)", output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file, Token);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h2>Unmasked but suspicious</h2>", html, StringComparison.Ordinal);
        foreach (var table in new[] { "public.customers", "public.orders", "public.payments", "public.audit_trail" })
        {
            Assert.Contains($"<h3 id=\"{table}\">{table}</h3>", html, StringComparison.Ordinal);
        }

        // Rule text is escaped: the orders filter holds a quote and the description a '>'.
        Assert.Contains("where ordered_at &gt;= timestamptz &#39;2024-06-01 00:00:00+00&#39;", html, StringComparison.Ordinal);
        Assert.Equal(30, html.Split("<tr class=\"", StringSplitOptions.None).Length - 1);
        AssertNoSampleValues(html);

        var (failedExitCode, _, failedError) = await ReportAsync("--format", "html", "--output", Path.Combine(file, "nested", "report.html"));
        Assert.Equal(ExitCodes.Usage, failedExitCode);
        Assert.StartsWith("error: Cannot write the report to", failedError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_report_parses_back_to_one_record_per_schema_column()
    {
        var (exitCode, csv, error) = await ReportAsync("--format", "csv");

        Assert.True(exitCode == 0, error);
        var records = Csv.Parse(csv);
        Assert.Equal(["table", "column", "data_type", "treatment", "strategy", "determinism", "unique", "classification", "reason", "owner", "rule_location", "suspicious"], records[0]);
        var rows = records.Skip(1).ToList();
        Assert.All(rows, row => Assert.Equal(12, row.Count));
        Assert.Equal(
            (await SchemaColumnsAsync()).Order().ToList(),
            rows.Select(row => (row[0], row[1])).Order().ToList());
        var email = Assert.Single(rows, row => row[1] == "email");
        Assert.Equal(["public.customers", "email", "character varying(120)", "masked", "hash domain=person-email", "deterministic under the masking key", "unique key: injective", "pii", "", "crm-team"], email.Take(10));
        Assert.Equal("", email[11]);
        Assert.Contains(rows, row => row[1] == "preferences" && row[8] == "newsletter flag and UI language only" && row[3] == "kept");
        AssertNoSampleValues(csv);
    }

    [Fact]
    public async Task The_diff_lists_exactly_the_changed_and_the_removed_rule()
    {
        var original = await File.ReadAllTextAsync(SampleRules, Token);
        var firstName = "      first_name:     { mask: fake, faker: name.firstName, classification: pii, owner: crm-team }\n";
        var phone = "      phone:          { mask: constant, value: \"555-0100\", classification: pii }\n";
        Assert.Contains(firstName, original, StringComparison.Ordinal);
        Assert.Contains(phone, original, StringComparison.Ordinal);
        var changed = Cli.WriteFile("crm-changed.yaml", original
            .Replace(firstName, firstName.Replace("mask: fake, faker: name.firstName", "mask: hash", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace(phone, "", StringComparison.Ordinal));

        var (exitCode, markdown, error) = await Cli.RunAsync(["report", "--rules", changed, "--env", "prod", "--diff", SampleRules], withMaskingKey: false);

        Assert.True(exitCode == 0, error);
        var changes = Section(markdown, "## Changes").Where(line => line.StartsWith("| public.", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "| public.customers.first_name | mask | fake faker=name.firstName locale=en | hash |",
                "| public.customers.phone | rule removed | constant value=555-0100 | none (now UNLISTED) |",
            ],
            changes);
        Assert.Contains("2 changes.", markdown, StringComparison.Ordinal);

        var (csvExitCode, csv, _) = await Cli.RunAsync(["report", "--rules", changed, "--env", "prod", "--format", "csv", "--diff", SampleRules], withMaskingKey: false);
        Assert.Equal(0, csvExitCode);
        var records = Csv.Parse(csv);
        Assert.Equal("changes", records[0][^1]);
        Assert.Equal(
            ["first_name: mask: fake faker=name.firstName locale=en -> hash", "phone: rule removed: constant value=555-0100 -> none (now UNLISTED)"],
            records.Skip(1).Where(row => row[^1] != "").Select(row => $"{row[1]}: {row[^1]}"));

        var (htmlExitCode, html, _) = await Cli.RunAsync(["report", "--rules", changed, "--env", "prod", "--format", "html", "--diff", SampleRules], withMaskingKey: false);
        Assert.Equal(0, htmlExitCode);
        Assert.Contains("<h2>Changes</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>public.customers.first_name</td><td>mask</td><td>fake faker=name.firstName locale=en</td><td>hash</td></tr>", html, StringComparison.Ordinal);

        // The same rules on both sides: no change at all.
        var (_, same, _) = await ReportAsync("--diff", SampleRules);
        Assert.Contains("0 changes.", same, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Section(string markdown, string heading) =>
        markdown.Split('\n').SkipWhile(line => line != heading).Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));

    private static void AssertNoSampleValues(string text)
    {
        foreach (var value in SampleValues)
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    /// <summary>Every column of every table whose rows a refresh copies (partitions are reached through their parent).</summary>
    private async Task<List<(string Table, string Column)>> SchemaColumnsAsync()
    {
        const string sql = """
            SELECT string_agg(n.nspname || '.' || c.relname || ' ' || a.attname, ',' ORDER BY 1)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
            """;
        var list = await PostgreSqlServerFixture.ScalarAsync<string>(Prod, sql, Token);
        var columns = list.Split(',').Select(entry => entry.Split(' ')).Select(parts => (parts[0], parts[1])).ToList();
        Assert.Equal(30, columns.Count);
        return columns;
    }
}
