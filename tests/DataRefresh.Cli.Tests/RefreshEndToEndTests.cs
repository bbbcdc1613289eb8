using System.Diagnostics;
using Spectre.Console.Testing;
using System.Text.RegularExpressions;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The sample job against a real PostgreSQL: the sample database has a partitioned table, an enum and an enum array, a
/// domain, arrays, jsonb, bytea, a generated column, a view and a materialized view, a trigger, a self-referencing foreign
/// key and sequences.
/// </summary>
public sealed class RefreshEndToEndTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers)
{
    private const int Customers = 1500;

    private Task<(int ExitCode, string Out, string Error)> RunSampleJobAsync(bool withMaskingKey = true) =>
        Cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")], withMaskingKey);

    [Fact]
    public async Task The_sample_job_refreshes_staging_with_the_same_schema_and_masked_personal_data()
    {
        var (exitCode, output, error) = await RunSampleJobAsync();
        Assert.True(exitCode == 0, error);
        Assert.Contains("public.customers", output, StringComparison.Ordinal);

        Assert.Equal(await DumpSchemaAsync(ProdName), await DumpSchemaAsync(StagingName));

        // Rows: customers all; orders by their filter; payments only where their order was copied; audit trail none.
        Assert.Equal((long)Customers, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers"));
        const string recentOrders = "SELECT count(*) FROM orders WHERE ordered_at >= timestamptz '2024-06-01 00:00:00+00'";
        var expectedOrders = await ScalarAsync<long>(Prod, recentOrders);
        Assert.InRange(expectedOrders, 1, (Customers * 2) - 1);
        Assert.Equal(expectedOrders, await ScalarAsync<long>(Staging, "SELECT count(*) FROM orders"));
        Assert.Equal(
            await ScalarAsync<long>(Prod, "SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id AND o.ordered_at = p.ordered_at WHERE o.ordered_at >= timestamptz '2024-06-01 00:00:00+00'"),
            await ScalarAsync<long>(Staging, "SELECT count(*) FROM payments"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM audit_trail"));

        // Foreign keys, built after the load, exist and are validated.
        Assert.Equal(
            await ScalarAsync<long>(Prod, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"),
            await ScalarAsync<long>(Staging, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated"));

        // Every masked column differs from the source; fake names may coincide for a rare row, never for the column.
        await AssertMaskedAsync("first_name", maxEqualShare: 0.05);
        await AssertMaskedAsync("last_name", maxEqualShare: 0.05);
        await AssertMaskedAsync("street", maxEqualShare: 0);
        await AssertMaskedAsync("email", maxEqualShare: 0);
        await AssertMaskedAsync("phone", maxEqualShare: 0);
        await AssertMaskedAsync("birth_date", maxEqualShare: 0);
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers WHERE ssn IS NOT NULL OR photo IS NOT NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers WHERE length(email) <> 32"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM payments WHERE card_number LIKE '4111%'"));

        // Every unmasked column is identical, row by row, except the newsletter flag the job's after step switches off.
        const string customerFingerprint = "SELECT md5(string_agg(concat_ws('|', id, status, status_history, tags, preferences - 'newsletter', referred_by, created_at), ',' ORDER BY id)) FROM customers";
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers WHERE (preferences ->> 'newsletter')::boolean"));
        Assert.Equal(await ScalarAsync<string>(Prod, customerFingerprint), await ScalarAsync<string>(Staging, customerFingerprint));
        const string orderFingerprint = "SELECT md5(string_agg(concat_ws('|', id, customer_id, ordered_at, amount, invoice_no), ',' ORDER BY id)) FROM orders WHERE ordered_at >= timestamptz '2024-06-01 00:00:00+00'";
        Assert.Equal(await ScalarAsync<string>(Prod, orderFingerprint), await ScalarAsync<string>(Staging, orderFingerprint));

        // The generated column is recomputed from the masked names; sequences continue; the materialized view is filled.
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers WHERE full_name <> first_name || ' ' || last_name"));
        Assert.True(await ScalarAsync<long>(Staging, "SELECT nextval('customers_id_seq')") > Customers);
        Assert.Equal(await ScalarAsync<long>(Prod, "SELECT last_value FROM invoice_number_seq"), await ScalarAsync<long>(Staging, "SELECT last_value FROM invoice_number_seq"));
        Assert.True(await ScalarAsync<long>(Staging, "SELECT count(*) FROM order_totals") > 0);
        Assert.Equal(await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers"), await ScalarAsync<long>(Staging, "SELECT count(*) FROM customer_overview"));

        // The trigger exists and works on the copy.
        await PostgreSqlServerFixture.ExecuteAsync(Staging, "UPDATE customers SET status = 'inactive' WHERE id = 1", Token);
        Assert.Equal(1L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM audit_trail"));

        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
        AssertNoSecretsIn(Cli.AllOutput);
    }

    [Fact]
    public async Task A_rerun_reproduces_the_same_masked_values()
    {
        const string masked = "SELECT md5(string_agg(concat_ws('|', first_name, last_name, email, phone, birth_date, street), ',' ORDER BY id)) FROM customers";
        Assert.Equal(0, (await RunSampleJobAsync()).ExitCode);
        var first = await ScalarAsync<string>(Staging, masked);

        // Someone works in staging between refreshes; the next refresh replaces their changes.
        await PostgreSqlServerFixture.ExecuteAsync(Staging, "DELETE FROM payments", Token);
        Assert.Equal(0, (await RunSampleJobAsync()).ExitCode);

        Assert.Equal(first, await ScalarAsync<string>(Staging, masked));
        Assert.True(await ScalarAsync<long>(Staging, "SELECT count(*) FROM payments") > 0);
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task On_a_terminal_a_run_draws_a_bar_per_table_with_its_rows_and_rate_and_log_lines_above()
    {
        var terminal = new TestConsole().SupportsAnsi(true);
        terminal.Profile.Capabilities.Interactive = true;
        terminal.Profile.Width = 160;

        var (exitCode, _, error) = await Cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")], new Dictionary<string, string?> { ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey }, Token, terminal);

        Assert.True(exitCode == 0, error + terminal.Output);
        var drawn = terminal.Output;
        foreach (var table in new[] { "public.customers", "public.orders", "public.payments" })
        {
            Assert.Matches($@"{Regex.Escape(table)} .*done.* [\d,]+ rows +[\d,]+ rows/s", drawn);
        }

        Assert.Contains("INF Cut over:", drawn, StringComparison.Ordinal); // log lines go through the terminal too
        Assert.DoesNotContain("Progress ", drawn, StringComparison.Ordinal); // not the redirected form
    }

    [Fact]
    public async Task Plan_shows_the_tables_and_masks_without_creating_anything()
    {
        var (exitCode, output, error) = await Cli.RunAsync(["plan", RepositoryPaths.Jobs("nightly-staging.yaml")], withMaskingKey: false);

        Assert.True(exitCode == 0, error);
        Assert.Contains("public.customers", output, StringComparison.Ordinal);
        Assert.Contains("fake faker=name.firstName locale=en", output, StringComparison.Ordinal);
        Assert.Contains("schema only (rows: none)", output, StringComparison.Ordinal);
        Assert.Contains("only rows whose", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", output, StringComparison.Ordinal);

        // The preflight, as the fixture's superuser on this machine: nothing missing, the size, a local unencrypted link.
        Assert.Contains("ok       source user postgres can read all", output, StringComparison.Ordinal);
        Assert.Contains("ok       target user postgres can create the side database", output, StringComparison.Ordinal);
        Assert.Matches(@"note     about \d+ (kB|MB) to copy", output);
        Assert.Contains("is not encrypted, but stays on this machine", output, StringComparison.Ordinal);
        Assert.Contains("ok       the rules decide every column of the live schema", output, StringComparison.Ordinal);
        Assert.Contains("Nothing a run needs is missing.", output, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task A_failing_load_leaves_the_previous_target_serving_and_drops_the_side_database()
    {
        Assert.Equal(0, (await RunSampleJobAsync()).ExitCode);
        await PostgreSqlServerFixture.ExecuteAsync(Staging, "CREATE TABLE marker (id int)", Token);

        // The phone domain requires at least 7 characters: this constant fits the column type but fails the domain check mid-load.
        var rules = Cli.WriteFile("short-phone.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      phone: { mask: constant, value: \"12345\" }\n");
        var job = Cli.WriteFile("job.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\n");
        var (exitCode, _, error) = await Cli.RunAsync(["run", job]);

        Assert.Equal(ExitCodes.RefreshFailed, exitCode);
        Assert.Contains("copying public.customers", error, StringComparison.Ordinal);
        Assert.Contains("phone_number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", error, StringComparison.Ordinal);
        Assert.Equal(1, error.Split('\n').Count(line => line.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM marker"));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task Rules_that_do_not_match_the_schema_stop_before_anything_is_written()
    {
        var rules = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      frist_name: { mask: hash }\n  public.custmers: { rows: none }\n");
        var job = Cli.WriteFile("job.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\n");

        var (exitCode, _, error) = await Cli.RunAsync(["run", job]);

        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains($"{rules}:6:7: table public.customers has no column 'frist_name' (did you mean 'first_name'?)", error, StringComparison.Ordinal);
        Assert.Contains($"{rules}:7:3: the source has no table public.custmers (did you mean 'public.customers'?)", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task A_missing_masking_key_stops_the_run_with_advice()
    {
        var (exitCode, _, error) = await RunSampleJobAsync(withMaskingKey: false);

        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("DataRefresh__MaskingKey", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task Production_is_refused_as_a_target_before_any_connection()
    {
        // Port 1 answers nobody: had the run tried to connect, it would fail differently and slowly.
        Cli.UseEnvironments(("prod", Prod, true), ("staging", "Host=127.0.0.1;Port=1;Database=x;Timeout=30", true));
        var watch = Stopwatch.StartNew();

        var (exitCode, _, error) = await RunSampleJobAsync();

        Assert.Equal(ExitCodes.ProductionGuard, exitCode);
        Assert.Contains("production: true", error, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wrong_password_is_one_sentence_without_the_password()
    {
        const string password = "wrong-password-5d1e";
        var wrong = new NpgsqlConnectionStringBuilder(Prod) { Password = password }.ConnectionString;
        Cli.UseEnvironments(("prod", wrong, true), ("staging", Staging, false));

        var (exitCode, output, error) = await RunSampleJobAsync();

        Assert.Equal(ExitCodes.DatabaseUnavailable, exitCode);
        Assert.Contains("authentication failed", error, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Split('\n')[^2], StringComparison.Ordinal);
    }

    private async Task AssertMaskedAsync(string column, double maxEqualShare)
    {
        var sourceValues = await ReadColumnAsync(Prod, column);
        var maskedValues = await ReadColumnAsync(Staging, column);
        Assert.Equal(sourceValues.Count, maskedValues.Count);
        var equal = sourceValues.Count(pair => Equals(maskedValues[pair.Key], pair.Value));
        Assert.True(equal <= sourceValues.Count * maxEqualShare, $"{column}: {equal} of {sourceValues.Count} rows kept their source value");
    }

    private static async Task<Dictionary<long, string?>> ReadColumnAsync(string connectionString, string column)
    {
        var values = new Dictionary<long, string?>();
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(connectionString));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand($"SELECT id, {column}::text FROM customers", connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            values[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return values;
    }


    private async Task<string> DumpSchemaAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(Server.ConnectionStringFor(database));
        var startInfo = new ProcessStartInfo(Providers.PostgreSql.Ddl.PostgreSqlTools.Find("pg_dump"), ["--schema-only", "--no-password"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["PGHOST"] = builder.Host;
        startInfo.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["PGUSER"] = builder.Username;
        startInfo.Environment["PGPASSWORD"] = builder.Password;
        startInfo.Environment["PGDATABASE"] = database;
        using var process = Process.Start(startInfo)!;
        var dump = await process.StandardOutput.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("CREATE TABLE public.customers", dump, StringComparison.Ordinal);

        // pg_dump 15.18+ brackets its output with \restrict KEY / \unrestrict KEY, a random key per dump.
        return string.Join('\n', dump.Split('\n').Where(line => !line.StartsWith("\\restrict ", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict ", StringComparison.Ordinal)));
    }

    private void AssertNoSecretsIn(string output)
    {
        Assert.DoesNotContain(CliRunner.MaskingKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(Server.ConnectionString).Password!, output, StringComparison.Ordinal);
        Assert.DoesNotContain("person1@example.com", output, StringComparison.Ordinal);
    }
}
