using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;
using DataRefresh.Scheduling.QuartzJobs;
using DataRefresh.Testing;
using Serilog;
using static DataRefresh.Scheduling.Tests.Schedules;

namespace DataRefresh.Scheduling.Tests;

/// <summary>A firing Quartz reports missed never vanishes: skipped ones are logged and listed, run-once ones logged.</summary>
public sealed class MisfireReporterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-misfire-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static JobDefinition Job(MisfirePolicy misfire) =>
        new("nightly", "jobs/nightly.yaml", "prod", new SourceLocation("jobs/nightly.yaml", 2, 9), "staging", new SourceLocation("jobs/nightly.yaml", 3, 9), [], 4, 10_000, true)
        {
            Schedule = Daily("0 0 2 * * ?", misfire),
        };

    [Theory]
    [InlineData(MisfirePolicy.Skip, "skipped (misfire: skip)", 1)]
    [InlineData(MisfirePolicy.RunOnce, "running it once now (misfire: run-once)", 0)]
    public async Task A_missed_firing_is_logged_and_a_skipped_one_is_listed_in_the_history(MisfirePolicy policy, string logged, int rows)
    {
        var history = new SqliteHistoryStore(Path.Combine(folder, "history.db"));
        var log = new List<string>();
        var job = Job(policy);
        var clock = new ManualClock(Utc("2026-11-20T00:00:00Z"));
        var trigger = ScheduleSync.Trigger(job.Name, job.Schedule!, clock);
        ((Quartz.Extensibility.IOperableTrigger)trigger).ComputeFirstFireTimeUtc(null);
        var reporter = new MisfireReporter(JobCatalog.Of(job), history, new SchedulerSettings { Node = "n1" }, clock, new LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger());

        await reporter.TriggerMisfired(trigger, null!, TestContext.Current.CancellationToken);

        Assert.Contains(log, line => line.Contains("the firing at 2026-11-20 02:00:00 +01:00 was missed", StringComparison.Ordinal) && line.Contains(logged, StringComparison.Ordinal));
        var listed = await history.ReadRunsAsync(new RunQuery("nightly"), TestContext.Current.CancellationToken);
        Assert.Equal(rows, listed.Count);
        if (rows == 1)
        {
            Assert.Equal((RunOutcome.Skipped, Utc("2026-11-20T01:00:00Z")), (listed[0].Outcome, listed[0].ScheduledFor!.Value));
            Assert.Equal("skipped: the firing at 2026-11-20 02:00:00 +01:00 was missed (misfire: skip)", listed[0].Error);
        }
    }
}
