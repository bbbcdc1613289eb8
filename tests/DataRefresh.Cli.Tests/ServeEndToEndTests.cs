using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Providers.PostgreSql;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>datarefresh serve</c> for real, one node on the in-memory store against the test PostgreSQL: triggers, then: chains
/// after success and failure, bad job files, the target guard, missed firings and a graceful stop.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ServeEndToEndTests(PostgreSqlServerFixture server) : ServeTestBase(server)
{
    private SqliteHistoryStore History => new(Cli.HistoryFile);

    private const string Nightly = """
        name: nightly
        source: prod
        target: staging
        rules: [ "{rules}" ]
        then:
          - target: dev
          - target: qa
        """;

    [Fact]
    public async Task A_triggered_job_runs_then_its_copies_and_a_bad_job_file_is_left_out_with_its_line()
    {
        WriteJob("nightly", Nightly);
        WriteJob("broken", "name: broken\nsource: prod\ntarget: staging\nschedule: \"0 0 25 * * ?\"\n");
        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1");
        Assert.Contains("broken.yaml:4:", node.Log, StringComparison.Ordinal);
        Assert.Contains("Node n1 serving 3 job(s)", node.Log, StringComparison.Ordinal);

        var (exitCode, output, _) = await Cli.RunAsync(["trigger", "nightly", "--jobs", JobsFolder]);
        Assert.Equal(0, exitCode);
        Assert.Contains("Asked the scheduler to run nightly now", output, StringComparison.Ordinal);

        var runs = await WaitForRunsAsync(History, runs => runs.Count == 3 && runs.All(run => run.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(120), () => node.Log);
        Assert.All(runs, run => Assert.Equal(RunOutcome.Succeeded, run.Outcome));
        var upstream = runs.Single(run => run.Job == "nightly");
        Assert.Matches(@"^request \d+ by ", upstream.Trigger);
        Assert.Equal($"after nightly (run {upstream.RunId})", runs.Single(run => run.Job == "nightly-dev").Trigger);
        Assert.All(runs, run => Assert.Equal(upstream.TotalRows, run.TotalRows));

        // The copies hold staging's masked rows, not production's.
        const string emails = "SELECT md5(string_agg(email, ',' ORDER BY id)) FROM customers";
        var staging = await ScalarAsync<string>(Staging, emails);
        Assert.NotEqual(await ScalarAsync<string>(Prod, emails), staging);
        Assert.Equal(staging, await ScalarAsync<string>(Server.ConnectionStringFor(DevName), emails));
        Assert.Equal(staging, await ScalarAsync<string>(Server.ConnectionStringFor(QaName), emails));

        var (_, listing, _) = await Cli.RunAsync(["jobs", "--jobs", JobsFolder]);
        Assert.Contains("last run succeeded", listing, StringComparison.Ordinal);
        Assert.Equal(0, await node.TerminateAsync());
    }

    [Fact]
    public async Task A_failed_upstream_skips_its_copies_and_the_history_says_why()
    {
        Cli.WriteFile("jobs/noop.sql", "UPDATE customers SET id = id WHERE false;\n");
        WriteJob("nightly", Nightly + """

            after:
              - sql: noop.sql
                expect:
                  - "SELECT id FROM customers"
            """);
        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1");
        await Cli.RunAsync(["trigger", "nightly", "--jobs", JobsFolder]);

        var runs = await WaitForRunsAsync(History, runs => runs.Count == 3 && runs.All(run => run.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(120), () => node.Log);
        var upstream = runs.Single(run => run.Job == "nightly");
        Assert.Equal(RunOutcome.Failed, upstream.Outcome);
        Assert.Equal(11, upstream.ExitCode);
        foreach (var copy in runs.Where(run => run.Job != "nightly"))
        {
            Assert.Equal(RunOutcome.Skipped, copy.Outcome);
            Assert.Equal($"skipped: upstream nightly failed (run {upstream.RunId}, exit 11)", copy.Error);
        }

        Assert.False(await Server.DatabaseExistsAsync(DevName, Token));
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
    }

    [Fact]
    public async Task A_busy_target_makes_one_job_skip_and_another_wait_until_it_is_free()
    {
        WriteJob("skipper", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\nwhenBusy: skip\n");
        WriteJob("waiter", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\n");
        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1");

        // Another run's lock on staging, taken the way every run takes it.
        var provider = new PostgreSqlProvider(Serilog.Core.Logger.None);
        var held = await provider.TryLockTargetAsync(new EnvironmentSettings("staging", ProviderKind.PostgreSql, Staging, false), Token);
        Assert.NotNull(held);
        await using (held)
        {
            await Cli.RunAsync(["trigger", "skipper", "--jobs", JobsFolder]);
            await node.WaitForLogAsync("Job skipper: another run is writing target staging; skipping this firing (whenBusy: skip)", TimeSpan.FromSeconds(30));
            await Cli.RunAsync(["trigger", "waiter", "--jobs", JobsFolder]);
            await node.WaitForLogAsync("Job waiter: another run is writing target staging; waiting until it is free (whenBusy: wait)", TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromSeconds(2), Token);
            Assert.DoesNotContain(await History.ReadRunsAsync(new RunQuery("waiter"), Token), run => true);
        }

        var runs = await WaitForRunsAsync(History, runs => runs.Any(run => run.Job == "waiter" && run.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(90), () => node.Log);
        Assert.Equal(RunOutcome.Succeeded, runs.Single(run => run.Job == "waiter").Outcome);
        var skipped = runs.Single(run => run.Job == "skipper");
        Assert.Equal(RunOutcome.Skipped, skipped.Outcome);
        Assert.Contains("another run was writing target 'staging' (whenBusy: skip)", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_cancels_a_running_refresh_leaves_the_target_alone_and_the_history_says_cancelled_and_skips_its_copies()
    {
        WriteJob("nightly", Nightly);
        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1", haltAt: Core.Pipeline.HaltPoint.Data);
        await Cli.RunAsync(["trigger", "nightly", "--jobs", JobsFolder]);
        await node.WaitForLogAsync("halted at data", TimeSpan.FromSeconds(60));

        Assert.Equal(0, await node.TerminateAsync());
        var runs = await History.ReadRunsAsync(new RunQuery(), Token);
        var run = runs.Single(each => each.Job == "nightly");
        Assert.Equal(RunOutcome.Cancelled, run.Outcome);

        // Its copies are not lost silently: each is listed as skipped, naming the cancelled run.
        Assert.Equal(["nightly-dev", "nightly-qa"], runs.Where(each => each.Job != "nightly").Select(each => each.Job).Order(StringComparer.Ordinal));
        Assert.All(runs.Where(each => each.Job != "nightly"), copy =>
            Assert.Equal((RunOutcome.Skipped, $"skipped: upstream nightly cancelled (run {run.RunId}, exit 130)"), (copy.Outcome, copy.Error)));
        Assert.Contains("Node n1 stopped", node.Log, StringComparison.Ordinal);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync());
    }

    [Fact]
    public async Task A_run_longer_than_the_jobs_timeout_is_cancelled_and_listed_as_timed_out()
    {
        WriteJob("slow", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\ntimeout: 1m\n");
        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1", haltAt: Core.Pipeline.HaltPoint.Data);
        await Cli.RunAsync(["trigger", "slow", "--jobs", JobsFolder]);

        // The halted run sits at its first batch until the one-minute timeout cancels it.
        var runs = await WaitForRunsAsync(History, runs => runs.Any(run => run.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(120), () => node.Log);
        var run = Assert.Single(runs);
        Assert.Equal(RunOutcome.TimedOut, run.Outcome);
        Assert.Equal("the run took longer than the job's timeout (1m) and was cancelled; the target was not changed.", run.Error);
        Assert.InRange((run.EndedAt!.Value - run.StartedAt).TotalSeconds, 59, 110);
        Assert.False(await Server.DatabaseExistsAsync(StagingName, Token));
        Assert.Empty(await SideDatabasesAsync());
    }

    [Fact]
    public async Task Firings_missed_while_no_node_ran_run_once_or_are_skipped_as_each_job_says()
    {
        WriteJob("catch-up", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\nschedule: \"0 0 3 * * ?\"\nmisfire: run-once\n");
        WriteJob("wait-for-next", "source: prod\ntarget: dev\nrules: [ \"{rules}\" ]\nschedule: \"0 0 3 * * ?\"\n");

        // Both last ran three days ago; two 03:00 firings have come and gone since.
        var history = History;
        var threeDaysAgo = TimeProvider.System.GetUtcNow().AddDays(-3);
        foreach (var (job, id) in new[] { ("catch-up", "old1"), ("wait-for-next", "old2") })
        {
            await history.StartRunAsync(new RunStart(id, job, "schedule", "gone", threeDaysAgo, threeDaysAgo, null), Token);
            await history.FinishRunAsync(new RunEnd(id, RunOutcome.Succeeded, threeDaysAgo.AddMinutes(5), 0, null, []), Token);
        }

        await using var node = await ServeNode.StartAsync(Cli, JobsFolder, "n1");
        var runs = await WaitForRunsAsync(history, runs => runs.Any(run => run.Job == "catch-up" && run.RunId != "old1" && run.Outcome != RunOutcome.Running), TimeSpan.FromSeconds(90), () => node.Log);
        var caughtUp = runs.First(run => run.Job == "catch-up");
        Assert.Equal(RunOutcome.Succeeded, caughtUp.Outcome);
        Assert.StartsWith("missed firing of ", caughtUp.Trigger, StringComparison.Ordinal);
        Assert.Contains("(misfire: run-once)", caughtUp.Trigger, StringComparison.Ordinal);

        Assert.Contains("Job wait-for-next: the firing at", node.Log, StringComparison.Ordinal);
        Assert.Contains("waiting for the next one (misfire: skip)", node.Log, StringComparison.Ordinal);
        Assert.Equal(["old2"], runs.Where(run => run.Job == "wait-for-next").Select(run => run.RunId));
    }

    [Fact]
    public async Task Serve_on_an_unreachable_schedule_store_exits_7_without_the_password()
    {
        WriteJob("nightly", Nightly);
        var settings = new Dictionary<string, string?>
        {
            ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey,
            ["DataRefresh:Scheduler:Store"] = "postgresql",
            ["DataRefresh:Scheduler:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=sched;Username=u;Password=s3cret-pw;Timeout=3",
        };

        var (exitCode, output, error) = await Cli.RunAsync(["serve", "--jobs", JobsFolder], settings, Token);

        Assert.Equal(7, exitCode);
        Assert.Contains("cannot reach the history store PostgreSQL 127.0.0.1:1/sched", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trigger_refuses_a_job_the_folder_does_not_hold()
    {
        WriteJob("nightly", Nightly);
        var (exitCode, _, error) = await Cli.RunAsync(["trigger", "nightly-prod", "--jobs", JobsFolder]);
        Assert.Equal(4, exitCode);
        Assert.Contains("there is no job named 'nightly-prod'", error, StringComparison.Ordinal);
        Assert.Contains("known jobs: nightly, nightly-dev, nightly-qa", error, StringComparison.Ordinal);
    }
}
