using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>The rule language on a real PostgreSQL: uniqueness at scale, keys that follow their masks, and row-aware masks.</summary>
public sealed class MaskingRulesEndToEndTests(PostgreSqlServerFixture server) : IDisposable
{
    private readonly CliRunner cli = new();

    public void Dispose() => cli.Dispose();

    private Task<T> ScalarAsync<T>(string database, string sql) =>
        PostgreSqlServerFixture.ScalarAsync<T>(server.ConnectionStringFor(database), sql, TestContext.Current.CancellationToken);

    private async Task<(string Source, string Target, int ExitCode, string Output)> RefreshAsync(string script, string rules)
    {
        server.RequireServer();
        var source = await server.CreateDatabaseAsync("src", script, TestContext.Current.CancellationToken);
        var target = server.UniqueName("dst");
        cli.UseEnvironments(("prod", server.ConnectionStringFor(source), true), ("staging", server.ConnectionStringFor(target), false));
        var rulesFile = cli.WriteFile("rules.yaml", rules);
        var job = cli.WriteFile("job.yaml", $"name: rules-test\nsource: prod\ntarget: staging\nrules: [ {rulesFile} ]\nparallelism: 2\n");
        var (exitCode, output, error) = await cli.RunAsync(["run", job]);
        return (source, target, exitCode, output + error);
    }

    [Fact]
    public async Task A_unique_email_masked_by_fake_never_collides_on_a_million_rows_and_its_foreign_key_follows()
    {
        const string script = """
            CREATE TABLE people (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
            CREATE TABLE contacts (id bigint PRIMARY KEY, person_email text NOT NULL REFERENCES people (email));
            INSERT INTO people SELECT n, 'user' || n || '@corp.example' FROM generate_series(1, 1000000) n;
            INSERT INTO contacts SELECT n, 'user' || (n * 7 % 1000000 + 1) || '@corp.example' FROM generate_series(1, 100000) n;
            ANALYZE;
            """;
        const string rules = """
            version: 1
            tables:
              people:
                columns:
                  id:    { mask: keep, reason: surrogate key }
                  email: { mask: fake, faker: internet.email, classification: pii }
              contacts:
                columns:
                  id:    { mask: keep, reason: surrogate key }
            """;

        var (source, target, exitCode, output) = await RefreshAsync(script, rules);

        Assert.True(exitCode == 0, output);
        Assert.Equal(1_000_000L, await ScalarAsync<long>(target, "SELECT count(DISTINCT email) FROM people"));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM people WHERE email LIKE '%@corp.example'"));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM people WHERE email NOT LIKE '%_@_%'"));

        // contacts.person_email inherited the mask (it has no rule of its own): every reference still joins, to the same person.
        Assert.Equal(100_000L, await ScalarAsync<long>(target, "SELECT count(*) FROM contacts c JOIN people p ON p.email = c.person_email"));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM contacts c JOIN people p ON p.email = c.person_email WHERE p.id <> (c.id * 7 % 1000000 + 1)"));
        Assert.Matches(@"redrawn", output);
        Assert.Equal(1_000_000L, await ScalarAsync<long>(source, "SELECT count(*) FROM people WHERE email LIKE '%@corp.example'"));
    }

    [Fact]
    public async Task Templates_conditions_and_json_paths_mask_each_row_coherently()
    {
        const string script = """
            CREATE TABLE customers (id int PRIMARY KEY, first_name text, last_name text, status text, ssn text, street text, profile jsonb);
            INSERT INTO customers
            SELECT n, 'First' || n, 'Last' || n, CASE WHEN n % 3 = 0 THEN 'banned' ELSE 'active' END, '123-45-' || lpad(n::text, 4, '0'),
                   n || ' Main St', jsonb_build_object('email', 'p' || n || '@x.example', 'newsletter', n % 2 = 0, 'phones', jsonb_build_array('+1 555 ' || n))
            FROM generate_series(1, 300) n;
            """;
        const string rules = """
            version: 1
            tables:
              customers:
                columns:
                  id:         { mask: keep, reason: key }
                  first_name: { mask: fake, faker: name.firstName }
                  last_name:  { mask: fake, faker: name.lastName }
                  status:     { mask: keep, reason: account state }
                  ssn:
                    when: { status: banned }
                    mask: "null"
                    otherwise: { mask: constant, value: "000-00-0000" }
                  street:     { mask: template, template: "{last_name|upper} {first_name|initial}. Street" }
                  profile:
                    mask: json
                    paths:
                      "$.email":     { mask: hash }
                      "$.phones[*]": { mask: constant, value: "+1 555 0000" }
            """;

        var (_, target, exitCode, output) = await RefreshAsync(script, rules);

        Assert.True(exitCode == 0, output);
        Assert.Equal(100L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE status = 'banned' AND ssn IS NULL"));
        Assert.Equal(200L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE status = 'active' AND ssn = '000-00-0000'"));
        Assert.Equal(300L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE street = upper(last_name) || ' ' || left(first_name, 1) || '. Street'"));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE first_name LIKE 'First%' OR last_name LIKE 'Last%'"));
        Assert.Equal(300L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE length(profile->>'email') = 32 AND profile->'phones'->>0 = '+1 555 0000'"));
        Assert.Equal(150L, await ScalarAsync<long>(target, "SELECT count(*) FROM customers WHERE (profile->>'newsletter')::boolean"));
    }

    [Fact]
    public async Task A_column_added_after_the_rules_were_written_stops_the_run_before_any_data_moves()
    {
        const string script = "CREATE TABLE customers (id int PRIMARY KEY, email text); INSERT INTO customers VALUES (1, 'a@b.example'); ALTER TABLE customers ADD COLUMN nickname text;";
        const string rules = "version: 1\ntables:\n  customers:\n    columns:\n      id: { mask: keep, reason: key }\n      email: { mask: hash }\n";

        var (_, target, exitCode, output) = await RefreshAsync(script, rules);

        Assert.Equal(Core.Errors.ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("public.customers has a column no rule masks or keeps: nickname (unlisted: fail)", output, StringComparison.Ordinal);
        Assert.False(await server.DatabaseExistsAsync(target, TestContext.Current.CancellationToken));
    }
}
