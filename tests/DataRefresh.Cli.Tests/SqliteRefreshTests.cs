using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// SQLite to SQLite with the SQLite demo's sample database, rules and job, as real <c>datarefresh</c> runs: the schema
/// arrives as SQLite wrote it, a run killed during the load leaves the previous file serving, the lock refuses a second
/// run meanwhile, and the next run removes what the killed one left.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class SqliteRefreshTests : IDisposable
{
    private const int Customers = 300;
    private const string Marker = "previous copy";

    private readonly CliRunner cli = new();

    public SqliteRefreshTests()
    {
        SqliteTestFile.CreateDemoProduction(Production, Customers);
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={Staging}", false));
    }

    private string Production => Path.Combine(cli.Folder, "crm-prod.db");

    private string Staging => Path.Combine(cli.Folder, "crm-staging.db");

    private static string Job => Path.Combine(RepositoryPaths.Root, "jobs", "sqlite-demo", "demo-sqlite.yaml");

    [Fact]
    public async Task The_copy_has_the_source_s_schema_as_SQLite_wrote_it_and_its_rows_masked()
    {
        var (exitCode, output, error) = await cli.RunAsync(["run", Job]);

        Assert.True(exitCode == 0, output + error);
        const string schema = "SELECT group_concat(type || ' ' || name || ': ' || sql, char(10)) FROM (SELECT * FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name)";
        Assert.Equal(Scalar<string>(Production, schema), Scalar<string>(Staging, schema));
        Assert.Equal(Customers, Scalar<long>(Staging, "SELECT count(*) FROM customers"));
        Assert.Equal(0L, Scalar<long>(Staging, "SELECT count(*) FROM customers c JOIN prod.customers p USING (id) WHERE c.email = p.email OR c.first_name || c.last_name = p.first_name || p.last_name", attachProduction: true));
        Assert.Equal(0L, Scalar<long>(Staging, "SELECT count(*) FROM customers WHERE ssn IS NOT NULL OR photo IS NOT NULL OR json_extract(preferences, '$.newsletter')"));
        Assert.Equal(Scalar<long>(Production, "SELECT count(*) FROM orders WHERE ordered_at >= '2024-06-01'"), Scalar<long>(Staging, "SELECT count(*) FROM orders"));
        Assert.Equal(0L, Scalar<long>(Staging, "SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal("ok", Scalar<string>(Staging, "PRAGMA integrity_check"));
        Assert.Equal(Scalar<string>(Staging, "SELECT group_concat(first_name || ' ' || last_name, '|') FROM (SELECT * FROM customers ORDER BY id LIMIT 5)"),
            Scalar<string>(Staging, "SELECT group_concat(full_name, '|') FROM (SELECT * FROM customers ORDER BY id LIMIT 5)"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Staging));
        }
    }

    [Fact]
    public async Task A_run_killed_during_the_load_leaves_the_previous_file_serving_and_the_lock_refuses_a_second_run()
    {
        var (first, _, firstError) = await cli.RunAsync(["run", Job]);
        Assert.True(first == 0, firstError);
        Execute(Staging, $"CREATE TABLE marker (what TEXT); INSERT INTO marker VALUES ('{Marker}')");

        string leftover;
        await using (var run = await HaltedRun.StartAsync(cli.SettingsFile, HaltPoint.Data, Job))
        {
            var (busy, _, busyError) = await cli.RunAsync(["run", Job]);
            Assert.Equal(ExitCodes.TargetBusy, busy);
            Assert.Contains("staging", busyError, StringComparison.Ordinal);

            // Halted inside the load, the run still tells the history store how far it is, as the console shows it.
            var progress = await ProgressOfRunningRunAsync();
            Assert.Equal("data", progress.Phase);
            Assert.True(progress.RowsCopied > 0 && progress.BytesCopied > 0 && progress.TablesTotal > 0, $"{progress}");
            run.Kill();
            leftover = Path.GetFileName(Assert.Single(Directory.GetFiles(cli.Folder, "crm-staging.db__refresh_*")));
        }

        Assert.Equal(Marker, Scalar<string>(Staging, "SELECT what FROM marker"));
        Assert.Equal("ok", Scalar<string>(Staging, "PRAGMA integrity_check"));

        var (next, _, nextError) = await cli.RunAsync(["run", Job]);
        Assert.True(next == 0, nextError);
        Assert.Contains($"Dropped {leftover}", nextError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cli.Folder, "crm-staging.db__refresh_*"));
        Assert.Equal(0L, Scalar<long>(Staging, "SELECT count(*) FROM sqlite_schema WHERE name = 'marker'"));
        Assert.Equal(Marker, Scalar<string>(Staging + "__previous", "SELECT what FROM marker"));
    }

    /// <summary>The progress the one running run has written, waited for (it writes every two seconds).</summary>
    private async Task<RunProgressReport> ProgressOfRunningRunAsync()
    {
        var store = new SqliteHistoryStore(cli.HistoryFile);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var running = (await store.ReadRunsAsync(new RunQuery(Outcome: RunOutcome.Running), TestContext.Current.CancellationToken)).SingleOrDefault();
            if (running?.Progress is { RowsCopied: > 0 } progress)
            {
                return progress;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the running run wrote no progress within 30 s");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("another spelling of its path")]
    [InlineData("a hard link")]
    public async Task Production_is_refused_as_a_target_under_another_name(string how)
    {
        var alias = how == "a hard link" ? Path.Combine(cli.Folder, "linked.db") : Path.Combine(cli.Folder, "sub", "..", "crm-prod.db");
        if (how == "a hard link")
        {
            using var link = System.Diagnostics.Process.Start("ln", [Production, alias]);
            await link.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={alias}", false));
        var before = Scalar<string>(Production, "SELECT group_concat(email) FROM customers");

        var (exitCode, _, error) = await cli.RunAsync(["run", Job]);

        Assert.Equal(ExitCodes.ProductionGuard, exitCode);
        Assert.Contains("production environment 'prod'", error, StringComparison.Ordinal);
        Assert.Equal(before, Scalar<string>(Production, "SELECT group_concat(email) FROM customers"));
        Assert.Empty(Directory.GetFiles(cli.Folder, "*__refresh_*"));
    }

    [Fact]
    public async Task Rollback_puts_the_previous_file_back_once_is_audited_and_never_touches_production()
    {
        var (first, _, firstError) = await cli.RunAsync(["run", Job]);
        Assert.True(first == 0, firstError);
        Execute(Staging, $"CREATE TABLE marker (what TEXT); INSERT INTO marker VALUES ('{Marker}')");
        var (second, _, secondError) = await cli.RunAsync(["run", Job]);
        Assert.True(second == 0, secondError);
        Assert.Equal(0L, Scalar<long>(Staging, "SELECT count(*) FROM sqlite_schema WHERE name = 'marker'"));

        await using (var held = new FileStream(Staging + ".datarefresh-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var (busy, _, busyError) = await cli.RunAsync(["rollback", "staging"], withMaskingKey: false);
            Assert.Equal(ExitCodes.TargetBusy, busy);
            Assert.Contains("Nothing was changed", busyError, StringComparison.Ordinal);
        }

        var (rolledBack, output, error) = await cli.RunAsync(["rollback", "staging"], withMaskingKey: false);
        Assert.True(rolledBack == 0, output + error);
        Assert.Contains("Rolled back 'staging' to its previous copy", output, StringComparison.Ordinal);
        Assert.Equal(Marker, Scalar<string>(Staging, "SELECT what FROM marker"));
        Assert.False(File.Exists(Staging + "__previous"));

        var (again, _, againError) = await cli.RunAsync(["rollback", "staging"], withMaskingKey: false);
        Assert.Equal(ExitCodes.NoPreviousCopy, again);
        Assert.Contains("target 'staging' has no previous copy to roll back to", againError, StringComparison.Ordinal);
        Assert.Equal(Marker, Scalar<string>(Staging, "SELECT what FROM marker"));

        var productionBefore = File.ReadAllBytes(Production);
        var (production, _, productionError) = await cli.RunAsync(["rollback", "prod"], withMaskingKey: false);
        Assert.Equal(ExitCodes.ProductionGuard, production);
        Assert.Contains("refusing to roll back environment 'prod'", productionError, StringComparison.Ordinal);
        Assert.Equal(productionBefore, File.ReadAllBytes(Production));

        // Both rollbacks that reached the target are in the chain, after the two runs; the chain still verifies.
        var (audit, auditOutput, _) = await cli.RunAsync(["audit"], withMaskingKey: false);
        Assert.Equal(0, audit);
        Assert.Contains("rollback succeeded (exit 0)  target staging (Sqlite", auditOutput, StringComparison.Ordinal);
        Assert.Contains($"rollback failed (exit {ExitCodes.NoPreviousCopy})", auditOutput, StringComparison.Ordinal);
        var (verify, verifyOutput, _) = await cli.RunAsync(["audit", "--verify"], withMaskingKey: false);
        Assert.True(verify == 0, verifyOutput);
    }

    [Fact]
    public async Task A_rollback_a_serve_node_makes_for_a_request_is_recorded_with_it_even_when_refused_because_a_run_holds_the_target()
    {
        var token = TestContext.Current.CancellationToken;
        foreach (var attempt in new[] { 1, 2 })
        {
            var (exitCode, _, error) = await cli.RunAsync(["run", Job]);
            Assert.True(exitCode == 0, $"run {attempt}: {error}");
        }

        var logger = new Serilog.LoggerConfiguration().CreateLogger();
        var store = new DataRefresh.History.SqliteHistoryStore(cli.HistoryFile);
        var settings = Core.Configuration.SettingsLoader.Load(Core.Configuration.SettingsLoader.BuildConfiguration(cli.SettingsFile), cli.SettingsFile);
        var rollback = new Core.Runs.TargetRollback(
            settings, Commands.CommandServices.KnownProviders(logger), new Core.Audit.AuditTrail(new Core.Audit.AuditJsonLines(cli.AuditFile), store, logger), logger, TimeProvider.System);
        const string trigger = "request 7 by rollback by console:dana";
        await using (var held = new FileStream(Staging + ".datarefresh-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var refused = await Assert.ThrowsAsync<DataRefreshException>(() => rollback.RunAsync("staging", trigger, token));
            Assert.Equal(ExitCodes.TargetBusy, refused.ExitCode);
        }

        Assert.True(File.Exists(Staging + "__previous"));
        await rollback.RunAsync("staging", trigger, token);
        var records = (await store.ReadAuditRecordsAsync(new Core.History.AuditQuery(), token)).Select(Core.Audit.AuditJson.Deserialize).Where(record => record.Kind == Core.Audit.AuditKinds.Rollback).ToList();
        Assert.Equal(
            [(Core.Audit.AuditOutcome.Failed, ExitCodes.TargetBusy, trigger), (Core.Audit.AuditOutcome.Succeeded, ExitCodes.Success, trigger)],
            records.Select(record => (record.Outcome, record.ExitCode, record.Trigger)));
        Assert.False(File.Exists(Staging + "__previous"));
    }

    public void Dispose() => cli.Dispose();

    private static void Execute(string file, string sql) => SqliteTestFile.Execute(file, sql);

    private T Scalar<T>(string file, string sql, bool attachProduction = false) => SqliteTestFile.Scalar<T>(file, sql, attachProduction ? Production : null);
}
