using System.Text.Json;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary><c>datarefresh history</c> and the last-run column of <c>datarefresh jobs</c>, read from a real SQLite store.</summary>
public sealed class HistoryCommandTests(PostgreSqlServerFixture server) : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly CliRunner cli = WithEnvironments(new CliRunner());

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static CliRunner WithEnvironments(CliRunner cli)
    {
        cli.UseEnvironments(("prod", "Host=prod.invalid;Database=crm", true), ("staging", "Host=staging.invalid;Database=crm_staging", false));
        return cli;
    }

    private async Task RecordRunsAsync(IHistoryStore? into = null)
    {
        var store = into ?? new SqliteHistoryStore(cli.HistoryFile);
        await store.StartRunAsync(new RunStart("r1", "nightly", "schedule", "node-a", Noon, Noon, "staging"), Token);
        await store.FinishRunAsync(new RunEnd("r1", RunOutcome.Failed, Noon.AddSeconds(42), ExitCodes.RefreshFailed, "cannot reach the PostgreSQL server.", []), Token);
        await store.StartRunAsync(new RunStart("r2", "nightly", "trigger command by ann@ops1", "node-b", Noon.AddDays(1), null, "staging"), Token);
        await store.FinishRunAsync(new RunEnd("r2", RunOutcome.Succeeded, Noon.AddDays(1).AddMinutes(3).AddSeconds(5), 0, null, [new("public.customers", 1200), new("public.orders", 34)]), Token);
        await store.StartRunAsync(new RunStart("r3", "weekly", "schedule", "node-a", Noon.AddDays(2), Noon.AddDays(2), "qa"), Token);
    }

    [Fact]
    public async Task Text_lists_runs_newest_first_with_outcome_duration_rows_trigger_node_and_error()
    {
        await RecordRunsAsync();

        var (exitCode, output, error) = await cli.RunAsync(["history"], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd()).ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^2026-11-25 12:00:00Z  weekly   running  +-  +schedule on node-a$", lines[0]);
        Assert.Matches(@"^2026-11-24 12:00:00Z  nightly  succeeded +3m05s  +1,234 rows  trigger command by ann@ops1 on node-b$", lines[1]);
        Assert.Matches(@"^2026-11-23 12:00:00Z  nightly  failed  +42\.0s  +0 rows  schedule on node-a$", lines[2]);
        Assert.Equal("    cannot reach the PostgreSQL server.", lines[3]);
    }

    [Fact]
    public async Task A_job_and_a_limit_narrow_the_list_and_an_unknown_job_has_no_runs()
    {
        await RecordRunsAsync();

        var (_, newest, _) = await cli.RunAsync(["history", "nightly", "--limit", "1"], withMaskingKey: false);
        var (exitCode, unknown, _) = await cli.RunAsync(["history", "monthly"], withMaskingKey: false);
        var (badLimit, _, _) = await cli.RunAsync(["history", "--limit", "0"], withMaskingKey: false);

        Assert.Contains("nightly  succeeded", Assert.Single(newest.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal($"No runs of job monthly in {cli.HistoryFile}.", unknown.Trim());
        Assert.Equal(ExitCodes.Usage, badLimit);
    }

    [Fact]
    public async Task Json_is_an_array_with_the_rows_of_each_table()
    {
        await RecordRunsAsync();

        var (exitCode, output, error) = await cli.RunAsync(["history", "nightly", "--format", "json"], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        var runs = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["r2", "r1"], runs.EnumerateArray().Select(run => run.GetProperty("runId").GetString()));
        var succeeded = runs[0];
        Assert.Equal("succeeded", succeeded.GetProperty("outcome").GetString());
        Assert.Equal(1234, succeeded.GetProperty("rows").GetInt64());
        Assert.Equal(185, succeeded.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(
            [("public.customers", 1200L), ("public.orders", 34L)],
            succeeded.GetProperty("tables").EnumerateArray().Select(table => (table.GetProperty("table").GetString(), table.GetProperty("rows").GetInt64())));
        Assert.Equal("cannot reach the PostgreSQL server.", runs[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Without_a_store_there_are_no_runs_and_none_is_created()
    {
        var (exitCode, output, _) = await cli.RunAsync(["history"], withMaskingKey: false);
        var (_, json, _) = await cli.RunAsync(["history", "--format", "json"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal($"No runs recorded in {cli.HistoryFile}.", output.Trim());
        Assert.Equal("[]", json.Trim());
        Assert.False(File.Exists(cli.HistoryFile));
    }

    [Fact]
    public async Task Jobs_show_the_outcome_and_start_of_each_jobs_last_run_or_never()
    {
        await RecordRunsAsync();
        var folder = JobsFolder("nightly", "weekly", "monthly");

        var (exitCode, output, error) = await cli.RunAsync(["jobs", "--check", "--jobs", folder], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Contains("nightly  no schedule  last run succeeded 2026-11-24 12:00:00Z  OK", output, StringComparison.Ordinal);
        Assert.Contains("weekly   no schedule  last run running 2026-11-25 12:00:00Z  OK", output, StringComparison.Ordinal);
        Assert.Contains("monthly  no schedule  last run never  OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_check_still_passes_with_one_warning_when_the_history_store_cannot_be_read_and_history_exits_7()
    {
        const string password = "history-pw-4471";
        var folder = JobsFolder("nightly");
        var settings = new Dictionary<string, string?> { ["DataRefresh:History:ConnectionString"] = $"Host=127.0.0.1;Port=1;Database=history;Username=x;Password={password};Timeout=3" };

        var (exitCode, output, error) = await cli.RunAsync(["jobs", "--check", "--jobs", folder], settings, Token);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Contains("nightly  no schedule  last run unknown  OK", output, StringComparison.Ordinal);
        var warning = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: last runs unknown, the history store PostgreSQL 127.0.0.1:1/history", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(password, output + error, StringComparison.Ordinal);

        // history itself has nothing else to show: it fails, as a database that cannot be reached.
        var (historyExit, historyOutput, historyError) = await cli.RunAsync(["history"], settings, Token);
        Assert.Equal(ExitCodes.DatabaseUnavailable, historyExit);
        Assert.DoesNotContain(password, historyOutput + historyError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_connection_string_history_and_audit_read_the_PostgreSQL_store()
    {
        server.RequireServer();
        var connectionString = server.ConnectionStringFor(await server.CreateDatabaseAsync("history_cli", cancellationToken: Token));
        var store = new PostgreSqlHistoryStore(connectionString);
        await RecordRunsAsync(store);
        var settings = new Dictionary<string, string?> { ["DataRefresh:History:ConnectionString"] = connectionString };

        var (exitCode, output, error) = await cli.RunAsync(["history", "nightly"], settings, Token);
        var (_, audit, auditError) = await cli.RunAsync(["audit"], settings, Token);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("nightly  succeeded", output, StringComparison.Ordinal);
        Assert.Equal("", audit);
        Assert.Contains($"0 runs in {store.Location}.", auditError, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.HistoryFile));
    }

    private string JobsFolder(params string[] jobs)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(cli.SettingsFile)!, "jobs")).FullName;
        foreach (var job in jobs)
        {
            File.WriteAllText(Path.Combine(folder, job + ".yaml"), "source: prod\ntarget: staging\n");
        }

        return folder;
    }

    public void Dispose() => cli.Dispose();
}
