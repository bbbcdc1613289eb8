using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Two real <c>serve</c> processes sharing one PostgreSQL job store (Quartz clustering) and one history: every firing
/// runs on exactly one node, and when the node running a job is killed the other recovers it and runs it again.
/// Check-ins are a second apart here so a dead node is noticed within seconds.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class ClusterTests(PostgreSqlServerFixture server) : ServeTestBase(server)
{
    private string schedulerDatabase = "";

    private Dictionary<string, string> ClusterSettings => new()
    {
        ["Scheduler:Store"] = "PostgreSql",
        ["Scheduler:ConnectionString"] = Server.ConnectionStringFor(schedulerDatabase),
        // Short, so a killed node is recovered within the test's wait; not so short that a live node starved of CPU on a
        // busy 2-core machine (a run, a build, other tests) is taken for dead and its run recovered twice.
        ["Scheduler:CheckinInterval"] = "00:00:02",
        ["Scheduler:CheckinMisfireThreshold"] = "00:00:10",
    };

    private PostgreSqlHistoryStore History => new(Server.ConnectionStringFor(schedulerDatabase));

    protected override async Task UseEnvironmentsAsync()
    {
        await base.UseEnvironmentsAsync();
        schedulerDatabase = await Server.CreateDatabaseAsync("scheduler", null, Token);
    }

    [Fact]
    public async Task Every_firing_runs_once_across_two_nodes_and_Quartz_creates_its_tables_itself()
    {
        WriteJob("often", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\nschedule: \"0/4 * * * * ?\"\n");
        await using var first = await ServeNode.StartAsync(Cli, JobsFolder, "node-a", ClusterSettings);
        await using var second = await ServeNode.StartAsync(Cli, JobsFolder, "node-b", ClusterSettings);
        Assert.Equal(1L, await ScalarAsync<long>(Server.ConnectionStringFor(schedulerDatabase), "SELECT count(*) FROM pg_tables WHERE tablename = 'qrtz_triggers'"));

        var runs = await WaitForRunsAsync(History, runs => runs.Count(run => run.Outcome == RunOutcome.Succeeded) >= 4, TimeSpan.FromSeconds(120), () => first.Log + "\n" + second.Log);
        Assert.Equal(0, await first.TerminateAsync());
        Assert.Equal(0, await second.TerminateAsync());

        runs = await History.ReadRunsAsync(new RunQuery("often", 200), Token);
        var scheduled = runs.Where(run => run.Trigger == "schedule").ToList();
        Assert.All(scheduled, run => Assert.NotNull(run.ScheduledFor));
        var repeated = scheduled.GroupBy(run => run.ScheduledFor).Where(firing => firing.Count() > 1).Select(firing => firing.Key).ToList();
        Assert.True(repeated.Count == 0, $"firings that ran more than once: {string.Join(", ", repeated)}");
        Assert.All(runs, run => Assert.Contains(run.Node, new[] { "node-a", "node-b" }));
        Assert.DoesNotContain(runs, run => run.Outcome is RunOutcome.Failed or RunOutcome.Interrupted);
    }

    [Fact]
    public async Task When_the_node_running_a_job_is_killed_the_other_node_runs_it_again_and_the_history_shows_both_attempts()
    {
        WriteJob("nightly", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\n");
        await using var doomed = await ServeNode.StartAsync(Cli, JobsFolder, "node-a", ClusterSettings, haltAt: Core.Pipeline.HaltPoint.Verification);
        await Cli.RunAsync(["trigger", "nightly", "--jobs", JobsFolder], CommandSettings, Token);
        await doomed.WaitForLogAsync("halted at verification", TimeSpan.FromSeconds(60));

        await using var survivor = await ServeNode.StartAsync(Cli, JobsFolder, "node-b", ClusterSettings);
        doomed.Kill();

        var runs = await WaitForRunsAsync(History, runs => runs.Any(run => run.Node == "node-b" && run.Outcome == RunOutcome.Succeeded), TimeSpan.FromSeconds(120), () => survivor.Log);
        Assert.Equal(2, runs.Count);
        var killed = runs.Single(run => run.Node == "node-a");
        var recovered = runs.Single(run => run.Node == "node-b");
        Assert.Equal(RunOutcome.Interrupted, killed.Outcome);
        Assert.Contains("node node-b ran the job again", killed.Error, StringComparison.Ordinal);
        Assert.Equal("recovery after a node stopped", recovered.Trigger);
        Assert.True(recovered.StartedAt > killed.StartedAt);

        // The recovered run replaced staging and cleared the killed run's side database.
        Assert.Equal(300L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM customers"));
        Assert.Empty(await SideDatabasesAsync());
        Assert.Equal(0, await survivor.TerminateAsync());

        // `history` reads the cluster's shared history (the scheduler's database) without being told where it is.
        var (_, listing, _) = await Cli.RunAsync(["history", "nightly"], CommandSettings, Token);
        Assert.Contains("interrupted", listing, StringComparison.Ordinal);
        Assert.Contains("recovery after a node stopped on node-b", listing, StringComparison.Ordinal);
    }

    /// <summary>The cluster settings for an in-process command, with the masking key.</summary>
    private Dictionary<string, string?> CommandSettings =>
        ClusterSettings.ToDictionary(setting => "DataRefresh:" + setting.Key, setting => (string?)setting.Value)
            .Append(new("DataRefresh:MaskingKey", CliRunner.MaskingKey)).ToDictionary();
}
