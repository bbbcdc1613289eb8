using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>scan</c> against the sample CRM database on a real PostgreSQL: what it flags, what the rules cover, the draft it
/// writes, and that no sampled value ever reaches its output or the draft.
/// </summary>
public sealed class ScanEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers, prodPrefix: "scan")
{
    private const int Customers = 400;

    // Free text and a network address column, which the sample database lacks.
    private const string Extras = """
        CREATE TABLE support_notes (id bigserial PRIMARY KEY, body text NOT NULL);
        INSERT INTO support_notes (body)
        SELECT CASE WHEN n % 10 = 0 THEN 'Customer asked for a call back on +44 20 7946 ' || lpad(n::text, 4, '0') || ' after 5pm.'
                    WHEN n % 10 = 1 THEN 'Refund sent to client' || n || '@example.net, order ' || (1000 + n) || ' closed.'
                    ELSE 'Order ' || (1000 + n) || ' shipped on 2024-03-' || lpad((1 + n % 28)::text, 2, '0') || ', total ' || (n * 3.5) || ' EUR.' END
        FROM generate_series(1, 200) AS n;
        CREATE TABLE sessions (id bigserial PRIMARY KEY, customer_id bigint, client_ip inet NOT NULL, started_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO sessions (customer_id, client_ip) SELECT n, ('10.1.' || (n / 250) || '.' || (n % 250))::inet FROM generate_series(1, 300) AS n;
        ANALYZE;
        """;

    /// <summary>Scan reads one environment: the source, no target.</summary>
    protected override Task UseEnvironmentsAsync()
    {
        Cli.UseEnvironments(("prod", Prod, true));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Scan_flags_the_personal_columns_with_evidence_and_no_values()
    {
        var (exitCode, output, error) = await Cli.RunAsync(["scan", "--env", "prod"], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.UncoveredSensitiveColumns, error);
        var lines = output.Split('\n');
        AssertFlagged(lines, "public.customers.email", "email", "NOT COVERED (suggest: fake internet.email)", "e-mail addresses");
        AssertFlagged(lines, "public.customers.first_name", "first-name", "NOT COVERED (suggest: fake name.firstName)", "first names from Bogus' name lists");
        AssertFlagged(lines, "public.customers.last_name", "last-name", "NOT COVERED (suggest: fake name.lastName)", "name: 'last_name' matches rule 'last-name'");
        AssertFlagged(lines, "public.customers.phone", "phone", "NOT COVERED (suggest: format-preserving)", $"content: 100% ({Customers} of {Customers}) sampled values are phone numbers");
        AssertFlagged(lines, "public.customers.ssn", "national-id", "NOT COVERED (suggest: format-preserving)", "sampled values are national ids");
        AssertFlagged(lines, "public.customers.birth_date", "birth-date", "NOT COVERED (suggest: generalize-date to: year)", "name: 'birth_date' matches rule 'birth-date'");
        AssertFlagged(lines, "public.customers.street", "street-address", "NOT COVERED (suggest: fake address.streetAddress)", "name: 'street'");
        AssertFlagged(lines, "public.customers.photo", "photo", "NOT COVERED (suggest: null)", "name: 'photo'");
        AssertFlagged(lines, "public.payments.card_number", "card", "NOT COVERED (suggest: card)", "name: 'card_number' matches rule 'card'");
        AssertFlagged(lines, "public.customers.full_name", "person-name", "covered by generated column", "name: 'full_name'");
        Assert.DoesNotContain(lines, line => line.StartsWith("public.customers.status ", StringComparison.Ordinal) || line.StartsWith("public.orders.amount ", StringComparison.Ordinal));

        // Uncovered columns come first, then the covered; the summary counts both.
        var firstCovered = Array.FindIndex(lines, line => line.Contains("  covered by ", StringComparison.Ordinal));
        Assert.True(firstCovered > Array.FindLastIndex(lines, line => line.Contains("NOT COVERED", StringComparison.Ordinal)));
        Assert.Matches(new Regex(@"^10 column\(s\) look sensitive: 9 not covered by rules, 1 covered\.$", RegexOptions.Multiline), output);

        // Kept for the console's Rule review: the same ten columns with their evidence, and no sampled value.
        Assert.Contains("Findings kept for the console's Rule review in ", output, StringComparison.Ordinal);
        var kept = await new History.SqliteHistoryStore(Cli.HistoryFile).FindScanAsync("prod", TestContext.Current.CancellationToken);
        Assert.Equal(1000, kept!.SampleRows);
        Assert.Equal(10, kept.Flagged.Count);
        Assert.Contains("sampled values are phone numbers", string.Join(" ", kept.Find(new("public", "customers"), "phone")!.Evidence), StringComparison.Ordinal);
        await AssertNoSampledValueInAsync(Cli.AllOutput + Core.Approvals.ReviewJson.Serialize(kept.Flagged));
    }

    [Fact]
    public async Task With_the_sample_rules_every_flagged_column_is_covered()
    {
        var (exitCode, output, error) = await Cli.RunAsync(["scan", "--env", "prod", "--rules", RepositoryPaths.Rules("crm.yaml"), "--sample", "50"], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.DoesNotContain("NOT COVERED", output, StringComparison.Ordinal);
        Assert.Contains("covered by " + RepositoryPaths.Rules("crm.yaml") + ":", output, StringComparison.Ordinal);
        Assert.Contains(": fake faker=name.firstName", output, StringComparison.Ordinal);

        // 50 rows out of 400 come from TABLESAMPLE, not the whole table.
        Assert.Contains("content: 100% (50 of 50) sampled values are e-mail addresses", output, StringComparison.Ordinal);
        Assert.Contains("0 not covered by rules", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Free_text_and_network_address_columns_are_flagged_and_drafted_without_values()
    {
        await PostgreSqlServerFixture.ExecuteAsync(Prod, Extras, Token);
        var draft = Path.Combine(Path.GetDirectoryName(Cli.SettingsFile)!, "draft.yaml");

        var (exitCode, output, error) = await Cli.RunAsync(["scan", "--env", "prod", "--rules", RepositoryPaths.Rules("crm.yaml"), "--write-rules", draft], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.UncoveredSensitiveColumns, error);
        var lines = output.Split('\n');
        AssertFlagged(lines, "public.support_notes.body", "email", "NOT COVERED (suggest: redact-text find: [email, phone])", "content: 20% (40 of 200) sampled values contain e-mail addresses (20), phone numbers (20)");
        AssertFlagged(lines, "public.sessions.client_ip", "ip", "NOT COVERED (suggest: none yet (inet columns cannot be masked yet and this one is NOT NULL))", "sampled values are IP addresses");
        Assert.Contains("2 column(s) look sensitive: 2 not covered by rules", output, StringComparison.Ordinal);
        Assert.Contains($"Draft rules for 1 column(s) written to {draft}", output, StringComparison.Ordinal);

        var written = await File.ReadAllTextAsync(draft, Token);
        Assert.StartsWith("# DRAFT rules written by 'datarefresh scan' from environment 'prod'", written, StringComparison.Ordinal);
        Assert.Contains("\"body\": { mask: \"redact-text\", find: [\"email\", \"phone\"], classification: \"pii\", reason: \"drafted by scan: content: 20% (40 of 200)", written, StringComparison.Ordinal);
        Assert.Contains("# \"client_ip\": no strategy fits yet", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"email\":", written, StringComparison.Ordinal); // covered by crm.yaml, so not drafted
        await AssertNoSampledValueInAsync(written + Cli.AllOutput);

        // An existing draft is not replaced without --force.
        var (refused, _, refusal) = await Cli.RunAsync(["scan", "--env", "prod", "--write-rules", draft], withMaskingKey: false);
        Assert.Equal(ExitCodes.Usage, refused);
        Assert.Contains("already exists; pass --force", refusal, StringComparison.Ordinal);
        var (forced, _, _) = await Cli.RunAsync(["scan", "--env", "prod", "--write-rules", draft, "--force"], withMaskingKey: false);
        Assert.Equal(ExitCodes.UncoveredSensitiveColumns, forced);
        Assert.Contains("\"email\": { mask: \"fake\", faker: \"internet.email\"", await File.ReadAllTextAsync(draft, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_environment_is_a_configuration_error_with_a_suggestion()
    {
        var (exitCode, _, error) = await Cli.RunAsync(["scan", "--env", "prd"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("environment 'prd' is not defined", error, StringComparison.Ordinal);
        Assert.Contains("(did you mean 'prod'?)", error, StringComparison.Ordinal);
    }

    private static void AssertFlagged(string[] lines, string column, string kind, string status, string evidence)
    {
        var line = Assert.Single(lines, line => line.StartsWith(column + " ", StringComparison.Ordinal));
        Assert.Matches($@"^{Regex.Escape(column)} +{Regex.Escape(kind)} +(pii|pci|phi|secret) +{Regex.Escape(status)}", line);
        Assert.Contains(evidence, line, StringComparison.Ordinal);
    }

    /// <summary>Every value of every personal column in the database, none of which may appear (short ones could match by chance).</summary>
    private async Task AssertNoSampledValueInAsync(string text)
    {
        const string values = """
            SELECT unnest(ARRAY[first_name, last_name, email, phone::text, ssn, birth_date::text, street]) FROM customers
            UNION ALL SELECT card_number FROM payments
            UNION ALL SELECT body FROM support_notes WHERE to_regclass('support_notes') IS NOT NULL
            """;
        var checkedValues = 0;
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(Prod));
        await connection.OpenAsync(Token);
        var hasNotes = await new NpgsqlCommand("SELECT to_regclass('support_notes') IS NOT NULL", connection).ExecuteScalarAsync(Token) is true;
        await using var command = new NpgsqlCommand(hasNotes ? values : values[..values.LastIndexOf("UNION ALL", StringComparison.Ordinal)], connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            if (!reader.IsDBNull(0) && reader.GetString(0) is { Length: >= 4 } value)
            {
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
                checkedValues++;
            }
        }

        Assert.True(checkedValues > Customers * 5, $"only {checkedValues} values were checked");
    }
}
