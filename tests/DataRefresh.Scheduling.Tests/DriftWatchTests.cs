using System.Diagnostics.CodeAnalysis;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;
using DataRefresh.Testing;
using Serilog;

namespace DataRefresh.Scheduling.Tests;

/// <summary>
/// Drift before the night: which firings a node checks ahead, how often (once per firing, again when the rules change),
/// and what the store keeps for the console. The check itself (rules against a real source) is driven by the command-line tests.
/// </summary>
public sealed class DriftWatchTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-drift-").FullName;
    private readonly SqliteHistoryStore history;
    private readonly List<string> log = [];
    private readonly string rules;

    public DriftWatchTests()
    {
        history = new SqliteHistoryStore(Path.Combine(folder, "history.db"));
        rules = Path.Combine(folder, "crm.yaml");
        File.WriteAllText(rules, "tables: {}\n");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A job firing every day at 03:00 UTC.</summary>
    private JobDefinition Job(string name, bool enabled = true, bool scheduled = true) =>
        new(name, $"jobs/{name}.yaml", "prod", new SourceLocation($"jobs/{name}.yaml", 2, 9), "staging", new SourceLocation($"jobs/{name}.yaml", 3, 9), [rules], 4, 10_000, true)
        {
            Schedule = scheduled ? Schedules.Daily("0 0 3 * * ?", zone: TimeZoneInfo.Utc) : null,
            Enabled = enabled,
        };

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "A watch that is never started holds nothing to dispose.")]
    private DriftWatch Watch(ScriptedExecutor executor, ManualClock clock, JobCatalog catalog, string node = "n1") =>
        new(catalog, executor, history, new SchedulerSettings { Node = node, DriftCheckLead = TimeSpan.FromHours(2) }, new DriftAlerts(null), clock,
            new LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger());

    [Fact]
    public async Task A_firing_is_checked_once_within_the_lead_time_and_again_only_when_its_rules_change()
    {
        var clock = new ManualClock(Schedules.Utc("2026-03-10T00:30:00Z"));
        var executor = new ScriptedExecutor([]) { ProblemsAhead = ["rules/crm.yaml:4:7: column crm.customers.email is gone from the source."] };
        var catalog = JobCatalog.Of(Job("nightly"), Job("paused", enabled: false), Job("on-demand", scheduled: false));
        var watch = Watch(executor, clock, catalog);
        var token = TestContext.Current.CancellationToken;

        await watch.CheckDueJobsAsync(token);
        Assert.Empty(executor.DriftChecks); // 03:00 is 2.5 h away, the lead is 2 h

        clock.Now = Schedules.Utc("2026-03-10T01:30:00Z");
        await watch.CheckDueJobsAsync(token);
        clock.Now = Schedules.Utc("2026-03-10T01:35:00Z");
        await watch.CheckDueJobsAsync(token);
        Assert.Equal(["nightly"], executor.DriftChecks); // not the disabled or unscheduled job, and not twice

        var check = Assert.Single(await history.ReadDriftChecksAsync(token));
        Assert.Equal(("nightly", Schedules.Utc("2026-03-10T03:00:00Z"), "n1", Schedules.Utc("2026-03-10T01:30:00Z")), (check.Job, check.FiringAt, check.Node, check.CheckedAt));
        Assert.Equal(executor.ProblemsAhead, check.Problems);
        Assert.Contains(log, line => line.Contains("Job nightly: the firing at 2026-03-10 03:00:00 +00:00 would stop before copying: rules/crm.yaml:4:7", StringComparison.Ordinal));

        // The rule is mended: checked again for the same firing, and the store now says it passes.
        await File.WriteAllTextAsync(rules, "tables: {}\n# email rule removed\n", token);
        executor.ProblemsAhead = [];
        await watch.CheckDueJobsAsync(token);
        Assert.Equal(["nightly", "nightly"], executor.DriftChecks);
        Assert.True(Assert.Single(await history.ReadDriftChecksAsync(token)).Passed);

        // After the firing the next one is a day away: nothing until it comes within the lead again.
        clock.Now = Schedules.Utc("2026-03-10T03:05:00Z");
        await watch.CheckDueJobsAsync(token);
        Assert.Equal(2, executor.DriftChecks.Count);
        clock.Now = Schedules.Utc("2026-03-11T01:00:01Z");
        await watch.CheckDueJobsAsync(token);
        Assert.Equal(3, executor.DriftChecks.Count);
        Assert.Equal(Schedules.Utc("2026-03-11T03:00:00Z"), Assert.Single(await history.ReadDriftChecksAsync(token)).FiringAt);
    }

    [Fact]
    public async Task A_second_node_finds_the_firing_checked_and_neither_checks_nor_reports_it_again()
    {
        var clock = new ManualClock(Schedules.Utc("2026-03-10T02:00:00Z"));
        var catalog = JobCatalog.Of(Job("nightly"));
        var first = new ScriptedExecutor([]) { ProblemsAhead = ["rules/crm.yaml:4:7: a problem."] };
        var second = new ScriptedExecutor([]) { ProblemsAhead = ["rules/crm.yaml:4:7: a problem."] };
        var token = TestContext.Current.CancellationToken;

        await Watch(first, clock, catalog, "n1").CheckDueJobsAsync(token);
        await Watch(second, clock, catalog, "n2").CheckDueJobsAsync(token);

        Assert.Single(first.DriftChecks);
        Assert.Empty(second.DriftChecks);
        Assert.Equal("n1", Assert.Single(await history.ReadDriftChecksAsync(token)).Node);
        Assert.Single(log, line => line.Contains("would stop before copying", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_time_of_zero_turns_the_check_off()
    {
        var executor = new ScriptedExecutor([]);
        using var off = new DriftWatch(
            JobCatalog.Of(Job("nightly")), executor, history, new SchedulerSettings { DriftCheckLead = TimeSpan.Zero }, new DriftAlerts(null),
            new ManualClock(Schedules.Utc("2026-03-10T02:59:00Z")), new LoggerConfiguration().CreateLogger());
        await off.StartAsync(TestContext.Current.CancellationToken);
        // It ends at once (a watch with a lead loops until the node stops, and this wait would time out).
        await off.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Empty(executor.DriftChecks);
    }
}
