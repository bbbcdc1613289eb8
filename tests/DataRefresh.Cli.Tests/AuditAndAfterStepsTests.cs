using System.Security.Cryptography;
using System.Text.Json;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Audit records and <c>after:</c> steps on a real PostgreSQL: every run, succeeded or failed, leaves one JSON line and one
/// history-store row without a data value; after steps change the copy before cut-over, and a failing expect query keeps
/// the target as it was.
/// </summary>
public sealed class AuditAndAfterStepsTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers)
{
    private const int Customers = 300;

    private Task<(int ExitCode, string Out, string Error)> RunSampleJobAsync() => Cli.RunAsync(["run", RepositoryPaths.Jobs("nightly-staging.yaml")]);

    private List<JsonElement> AuditLines() =>
        File.ReadAllLines(Cli.AuditFile).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task A_run_that_drops_a_killed_runs_leftover_names_it_in_its_record()
    {
        // What a run killed before its swap leaves behind: its side database, named with its run id.
        var leftover = StagingName + "__refresh_20261101020000ab12";
        await PostgreSqlServerFixture.ExecuteAsync(Server.ConnectionString, $"CREATE DATABASE \"{leftover}\"", Token);

        var (exitCode, _, error) = await RunSampleJobAsync();
        var (_, audit, _) = await Cli.RunAsync(["audit"]);

        Assert.True(exitCode == 0, error);
        Assert.False(await Server.DatabaseExistsAsync(leftover, Token));
        var record = Assert.Single(AuditLines());
        Assert.Equal([leftover], record.GetProperty("leftoversRemoved").EnumerateArray().Select(name => name.GetString()));
        Assert.Contains($"dropped {leftover}, left by an earlier run that was killed", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_successful_run_writes_one_json_line_and_one_history_row_with_hashes_decisions_and_counts_but_no_value()
    {
        var (exitCode, _, error) = await RunSampleJobAsync();
        Assert.True(exitCode == 0, error);

        var record = Assert.Single(AuditLines());
        Assert.Equal("succeeded", record.GetProperty("outcome").GetString());
        Assert.Equal(0, record.GetProperty("exitCode").GetInt32());
        Assert.Equal("nightly-staging", record.GetProperty("job").GetString());
        Assert.True(record.GetProperty("targetReplaced").GetBoolean());
        Assert.Equal(Environment.UserName, record.GetProperty("ranBy").GetProperty("user").GetString());
        Assert.Equal(Environment.ProcessId, record.GetProperty("ranBy").GetProperty("processId").GetInt32());
        Assert.Equal("prod", record.GetProperty("source").GetProperty("environment").GetString());
        Assert.Equal(ProdName, record.GetProperty("source").GetProperty("database").GetString());
        var serverIdentity = await PostgreSqlServerFixture.ScalarAsync<string>(Server.ConnectionString, "SELECT system_identifier::text FROM pg_control_system()", Token);
        Assert.Equal(serverIdentity, record.GetProperty("source").GetProperty("serverIdentity").GetString());
        Assert.Equal(serverIdentity, record.GetProperty("target").GetProperty("serverIdentity").GetString());
        Assert.Equal(StagingName, record.GetProperty("target").GetProperty("database").GetString());
        Assert.True(record.GetProperty("endedAt").GetDateTimeOffset() >= record.GetProperty("startedAt").GetDateTimeOffset());

        // The rule file's hash is the hash of the file that ran.
        var ruleFile = Assert.Single(record.GetProperty("ruleFiles").EnumerateArray());
        Assert.Equal(Path.GetFullPath(RepositoryPaths.Rules("crm.yaml")), Path.GetFullPath(ruleFile.GetProperty("path").GetString()!));
        Assert.Equal(Sha256Of(RepositoryPaths.Rules("crm.yaml")), ruleFile.GetProperty("sha256").GetString());

        // What the provider guaranteed: PostgreSQL shares one exported snapshot, holds the tables, swaps in one transaction.
        var guarantees = record.GetProperty("guarantees");
        Assert.Equal("atomic", guarantees.GetProperty("cutOver").GetString());
        Assert.True(guarantees.GetProperty("tablesHeld").GetBoolean());
        Assert.True(guarantees.GetProperty("consistentReaders").GetInt32() >= 1);

        // Which masking made the copy: the key's fingerprint (never the key) and the mask catalogue's version.
        var masking = record.GetProperty("masking");
        Assert.Equal(Core.Masking.MaskingKey.FromSecret(CliRunner.MaskingKey).Fingerprint, masking.GetProperty("keyFingerprint").GetString());
        Assert.Equal(Core.Masking.MaskCatalog.Version, masking.GetProperty("catalogVersion").GetInt32());

        // Every column of every copied table has a decision; row counts are what the target holds.
        var tables = record.GetProperty("tables").EnumerateArray().ToDictionary(table => table.GetProperty("table").GetString()!);
        foreach (var table in new[] { "customers", "orders", "payments" })
        {
            var expected = await ColumnsOfAsync(table);
            var decided = tables["public." + table].GetProperty("columns").EnumerateArray().Select(column => column.GetProperty("column").GetString()!).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), decided.Order(StringComparer.Ordinal));
            Assert.Equal(await ScalarAsync<long>(Staging, $"SELECT count(*) FROM {table}"), tables["public." + table].GetProperty("rowsCopied").GetInt64());
        }

        Assert.Equal("none", tables["public.audit_trail"].GetProperty("rows").GetString());
        Assert.Equal("filtered", tables["public.orders"].GetProperty("rows").GetString());
        var customers = tables["public.customers"].GetProperty("columns").EnumerateArray().ToDictionary(column => column.GetProperty("column").GetString()!);
        Assert.Equal("masked", customers["email"].GetProperty("decision").GetString());
        Assert.StartsWith("hash", customers["email"].GetProperty("mask").GetString(), StringComparison.Ordinal);
        Assert.Equal("pii", customers["email"].GetProperty("classification").GetString());
        Assert.Equal("keep", customers["id"].GetProperty("decision").GetString());
        Assert.Equal("surrogate key, no personal data", customers["id"].GetProperty("reason").GetString());
        Assert.Equal("generated", customers["full_name"].GetProperty("decision").GetString());
        Assert.Equal(
            await ScalarAsync<long>(Staging, "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM payments)"),
            record.GetProperty("rowsCopied").GetInt64());

        // The after step ran, passed its expect query, and is hashed; its effect is in the target, and its trigger pause held.
        var step = Assert.Single(record.GetProperty("afterSteps").EnumerateArray());
        Assert.True(step.GetProperty("passed").GetBoolean());
        Assert.Equal(Sha256Of(Path.Combine(RepositoryPaths.Root, "jobs", "sql", "disable-newsletter.sql")), step.GetProperty("sha256").GetString());
        Assert.Equal(0, Assert.Single(step.GetProperty("expectations").EnumerateArray()).GetProperty("rows").GetInt64());
        Assert.True(await ScalarAsync<long>(Prod, "SELECT count(*) FROM customers WHERE (preferences ->> 'newsletter')::boolean") > 0);
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers WHERE (preferences ->> 'newsletter')::boolean"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM audit_trail"));

        // The history store holds the same record: audit --format json prints it as stored.
        var (auditExit, json, auditError) = await Cli.RunAsync(["audit", "--format", "json"]);
        Assert.True(auditExit == 0, auditError);
        Assert.Equal(File.ReadAllText(Cli.AuditFile).Trim(), json.Trim());

        // No original value of a masked column, no password and no masking key anywhere in the audit.
        var auditText = File.ReadAllText(Cli.AuditFile) + json;
        foreach (var value in await OriginalMaskedValuesAsync())
        {
            Assert.DoesNotContain(value, auditText, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(Server.ConnectionString).Password!, auditText, StringComparison.Ordinal);
        Assert.DoesNotContain(CliRunner.MaskingKey, auditText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_runs_are_recorded_with_their_exit_code_and_sentence()
    {
        var typo = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      frist_name: { mask: hash }\n");
        var typoJob = Cli.WriteFile("typo-job.yaml", $"name: typo\nsource: prod\ntarget: staging\nrules: [ {typo} ]\n");
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, (await Cli.RunAsync(["run", typoJob])).ExitCode);

        // The phone domain requires 7 characters: this constant fails mid-copy.
        var shortPhone = Cli.WriteFile("short-phone.yaml", "version: 1\nunlisted: keep\ntables:\n  public.customers:\n    columns:\n      phone: { mask: constant, value: \"12345\" }\n");
        var copyJob = Cli.WriteFile("copy-job.yaml", $"name: copy\nsource: prod\ntarget: staging\nrules: [ {shortPhone} ]\n");
        var (copyExit, _, copyError) = await Cli.RunAsync(["run", copyJob]);
        Assert.Equal(ExitCodes.RefreshFailed, copyExit);

        Assert.Equal(ExitCodes.InvalidJobOrRules, (await Cli.RunAsync(["run", Path.Combine(Path.GetDirectoryName(Cli.SettingsFile)!, "missing.yaml")])).ExitCode);

        var records = AuditLines();
        Assert.Equal(3, records.Count);
        Assert.All(records, record => Assert.Equal("failed", record.GetProperty("outcome").GetString()));
        Assert.Equal(new[] { ExitCodes.RulesDoNotMatchSchema, ExitCodes.RefreshFailed, ExitCodes.InvalidJobOrRules }, records.Select(record => record.GetProperty("exitCode").GetInt32()));

        Assert.Contains("frist_name", records[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(Sha256Of(typo), Assert.Single(records[0].GetProperty("ruleFiles").EnumerateArray()).GetProperty("sha256").GetString());

        Assert.Equal(ErrorLine(copyError)["error: ".Length..], records[1].GetProperty("error").GetString());
        Assert.Equal("data", records[1].GetProperty("phase").GetString());
        Assert.False(records[1].GetProperty("targetReplaced").GetBoolean());
        Assert.StartsWith(StagingName + "__refresh_", records[1].GetProperty("sideDatabase").GetString(), StringComparison.Ordinal);
        var phone = records[1].GetProperty("tables").EnumerateArray().Single(table => table.GetProperty("table").GetString() == "public.customers")
            .GetProperty("columns").EnumerateArray().Single(column => column.GetProperty("column").GetString() == "phone");
        Assert.Equal("masked", phone.GetProperty("decision").GetString());

        Assert.Contains("missing.yaml", records[2].GetProperty("jobFile").GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", records[2].GetProperty("error").GetString(), StringComparison.Ordinal);

        // The history store has the same three records.
        var (_, json, _) = await Cli.RunAsync(["audit", "--format", "json"]);
        Assert.Equal(3, json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task Audit_filters_by_since_and_job_and_refuses_a_bad_date()
    {
        var typo = Cli.WriteFile("typo.yaml", "version: 1\nunlisted: keep\ntables:\n  public.custmers: { rows: none }\n");
        var first = Cli.WriteFile("first.yaml", $"name: first-job\nsource: prod\ntarget: staging\nrules: [ {typo} ]\n");
        var second = Cli.WriteFile("second.yaml", $"name: second-job\nsource: prod\ntarget: staging\nrules: [ {typo} ]\n");
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, (await Cli.RunAsync(["run", first])).ExitCode);
        await Task.Delay(50, Token);
        var between = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        await Task.Delay(50, Token);
        Assert.Equal(ExitCodes.RulesDoNotMatchSchema, (await Cli.RunAsync(["run", second])).ExitCode);

        var (allExit, all, _) = await Cli.RunAsync(["audit"]);
        Assert.Equal(0, allExit);
        Assert.True(all.IndexOf("job first-job", StringComparison.Ordinal) < all.IndexOf("job second-job", StringComparison.Ordinal), all);
        Assert.Contains("failed (exit 5)", all, StringComparison.Ordinal);
        Assert.Contains($"sha256 {Sha256Of(typo)}", all, StringComparison.Ordinal);
        Assert.Contains("verification: not run", all, StringComparison.Ordinal);

        var (_, since, _) = await Cli.RunAsync(["audit", "--since", between]);
        Assert.DoesNotContain("first-job", since, StringComparison.Ordinal);
        Assert.Contains("job second-job", since, StringComparison.Ordinal);

        var (_, byJob, _) = await Cli.RunAsync(["audit", "--job", "first-job", "--format", "json"]);
        Assert.Equal("first-job", JsonDocument.Parse(Assert.Single(byJob.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement.GetProperty("job").GetString());

        var (_, future, _) = await Cli.RunAsync(["audit", "--since", "2999-01-01"]);
        Assert.DoesNotContain("job ", future, StringComparison.Ordinal);

        var (badExit, _, badError) = await Cli.RunAsync(["audit", "--since", "last tuesday"]);
        Assert.Equal(ExitCodes.Usage, badExit);
        Assert.Equal("error: --since 'last tuesday' is not a date; write e.g. --since 2026-11-01 or --since 2026-11-23T08:00Z.", badError.Trim());
    }

    [Fact]
    public async Task A_failing_expect_stops_before_cut_over_with_exit_11_naming_the_query_but_no_value()
    {
        Assert.Equal(0, (await RunSampleJobAsync()).ExitCode);
        await PostgreSqlServerFixture.ExecuteAsync(Staging, "CREATE TABLE marker (id int)", Token);
        var maskedEmails = await ValuesAsync(Staging, "SELECT email FROM customers ORDER BY id LIMIT 3");

        var sql = Cli.WriteFile("noop.sql", "UPDATE customers SET status = status WHERE false;\n");
        var job = Cli.WriteFile("expect-job.yaml", $"""
            name: expect-job
            source: prod
            target: staging
            rules: [ {RepositoryPaths.Rules("crm.yaml")} ]
            after:
              - sql: noop.sql
                expect:
                  - "SELECT id FROM customers WHERE false"
                  - "SELECT email FROM customers WHERE id <= 3"
            """);
        var (exitCode, output, error) = await Cli.RunAsync(["run", job]);

        Assert.Equal(ExitCodes.VerificationFailed, exitCode);
        Assert.Contains($"error: {job}:9:", error, StringComparison.Ordinal);
        Assert.Contains("returned 3 rows", error, StringComparison.Ordinal);
        Assert.Contains("target was not changed", error, StringComparison.Ordinal);
        Assert.All(maskedEmails, email => Assert.DoesNotContain(email, output + error, StringComparison.Ordinal));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM marker"));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));

        var record = AuditLines()[^1];
        Assert.Equal(ExitCodes.VerificationFailed, record.GetProperty("exitCode").GetInt32());
        Assert.False(record.GetProperty("targetReplaced").GetBoolean());
        var step = Assert.Single(record.GetProperty("afterSteps").EnumerateArray());
        Assert.False(step.GetProperty("passed").GetBoolean());
        Assert.Equal(new[] { 0L, 3L }, step.GetProperty("expectations").EnumerateArray().Select(expect => expect.GetProperty("rows").GetInt64()));
        Assert.Equal(Sha256Of(sql), step.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_sql_error_in_an_after_step_names_the_file_and_line_without_values_and_rolls_the_step_back()
    {
        // Line 3 fails to parse: the server's position becomes a line of the file.
        var syntax = Cli.WriteFile("syntax.sql", "-- first statement is fine\nUPDATE customers SET status = status;\nSELEC 1;\n");
        var syntaxJob = Cli.WriteFile("syntax-job.yaml", $"source: prod\ntarget: staging\nrules: [ {RepositoryPaths.Rules("crm.yaml")} ]\nafter:\n  - sql: syntax.sql\n");
        var (syntaxExit, _, syntaxError) = await Cli.RunAsync(["run", syntaxJob]);

        Assert.Equal(ExitCodes.RefreshFailed, syntaxExit);
        Assert.StartsWith($"error: after step {Path.GetRelativePath(Directory.GetCurrentDirectory(), syntax)}:3: PostgreSQL error 42601", ErrorLine(syntaxError), StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));

        // PostgreSQL quotes the row's value in this message; it must not reach the output or the audit.
        var value = Cli.WriteFile("value.sql", "UPDATE customers SET status = 'banned';\nSELECT created_at::text::int FROM customers;\n");
        var valueJob = Cli.WriteFile("value-job.yaml", $"source: prod\ntarget: staging\nrules: [ {RepositoryPaths.Rules("crm.yaml")} ]\nafter:\n  - sql: value.sql\n");
        var (valueExit, valueOutput, valueError) = await Cli.RunAsync(["run", valueJob]);

        Assert.Equal(ExitCodes.RefreshFailed, valueExit);
        Assert.StartsWith($"error: after step {Path.GetRelativePath(Directory.GetCurrentDirectory(), value)}:2: PostgreSQL error 22P02", ErrorLine(valueError), StringComparison.Ordinal);
        Assert.DoesNotContain("2020-01-01", valueOutput + valueError + File.ReadAllText(Cli.AuditFile), StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Equal("value.sql", Path.GetFileName(AuditLines()[^1].GetProperty("afterSteps")[0].GetProperty("sqlFile").GetString()));
    }

    [Fact]
    public async Task A_run_cancelled_during_an_after_step_is_recorded_as_cancelled_and_leaves_the_target_alone()
    {
        Cli.WriteFile("sleep.sql", "SELECT pg_sleep(60);\n");
        var job = Cli.WriteFile("sleep-job.yaml", $"name: sleepy\nsource: prod\ntarget: staging\nrules: [ {RepositoryPaths.Rules("crm.yaml")} ]\nafter:\n  - sql: sleep.sql\n");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var console = new CliConsole(TextWriter.Null, new StringWriter(), Terminal: null, new Dictionary<string, string?> { ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey });
        var run = DataRefreshCli.RunAsync(["run", job, "--config", Cli.SettingsFile], console, cancel.Token);

        // Ctrl+C once the step is running on the Server.
        while (!run.IsCompleted && await ScalarAsync<long>(Server.ConnectionString, "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'") == 0)
        {
            await Task.Delay(100, Token);
        }

        await cancel.CancelAsync();

        Assert.Equal(ExitCodes.Cancelled, await run);
        var record = AuditLines()[^1];
        Assert.Equal("cancelled", record.GetProperty("outcome").GetString());
        Assert.Equal(ExitCodes.Cancelled, record.GetProperty("exitCode").GetInt32());
        Assert.Equal("after steps", record.GetProperty("phase").GetString());
        Assert.Equal("cancelled", Assert.Single(record.GetProperty("afterSteps").EnumerateArray()).GetProperty("error").GetString());
        Assert.False(record.GetProperty("targetReplaced").GetBoolean());
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task A_missing_after_step_file_is_a_located_error_before_any_connection()
    {
        // Port 1 answers nobody: a connection attempt would fail differently.
        Cli.UseEnvironments(("prod", "Host=127.0.0.1;Port=1;Database=x", true), ("staging", "Host=127.0.0.1;Port=1;Database=y", false));
        var job = Cli.WriteFile("job.yaml", "source: prod\ntarget: staging\nafter:\n  - sql: missing.sql\n");

        var (exitCode, _, error) = await Cli.RunAsync(["run", job]);

        Assert.Equal(ExitCodes.InvalidJobOrRules, exitCode);
        Assert.StartsWith($"error: {job}:4:10: the SQL file 'missing.sql' does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_whose_audit_cannot_be_kept_does_not_start()
    {
        var blocker = Cli.WriteFile("not-a-folder", "a file where the audit folder should be");
        var settings = JsonDocument.Parse(File.ReadAllText(Cli.SettingsFile)).RootElement;
        File.WriteAllText(Cli.SettingsFile, settings.ToString().Replace(JsonEncodedText.Encode(Cli.AuditFile).ToString(), JsonEncodedText.Encode(Path.Combine(blocker, "audit.jsonl")).ToString(), StringComparison.Ordinal));

        var (exitCode, _, error) = await RunSampleJobAsync();

        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("cannot keep the records of this run", error, StringComparison.Ordinal);
        Assert.Contains("DataRefresh:Audit:File", error, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    /// <summary>The one <c>error:</c> line among the log lines on standard error.</summary>
    private static string ErrorLine(string standardError) =>
        Assert.Single(standardError.Split('\n'), line => line.StartsWith("error: ", StringComparison.Ordinal)).TrimEnd('\r');

    private async Task<List<string>> ColumnsOfAsync(string table) =>
        await ValuesAsync(Prod, $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}'");

    /// <summary>Originals of masked columns from a few rows of production, long enough not to occur by chance.</summary>
    private async Task<List<string>> OriginalMaskedValuesAsync()
    {
        var values = new List<string>();
        values.AddRange(await ValuesAsync(Prod, "SELECT email FROM customers ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT phone FROM customers ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT ssn FROM customers ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT street FROM customers ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT birth_date::text FROM customers ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT card_number FROM payments ORDER BY id LIMIT 5"));
        values.AddRange(await ValuesAsync(Prod, "SELECT DISTINCT last_name FROM customers"));
        Assert.True(values.Count >= 30);
        return values;
    }

    private static async Task<List<string>> ValuesAsync(string connectionString, string sql)
    {
        var values = new List<string>();
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(connectionString));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
