using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.History;
using DataRefresh.Scheduling.Hosting;
using DataRefresh.Scheduling.Running;
using DataRefresh.Testing;
using Serilog;

namespace DataRefresh.Scheduling.Tests;

/// <summary>One firing of a job: transient-failure retries with backoff, and what a busy target does under each whenBusy policy.</summary>
public sealed class RunAttemptsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-attempts-").FullName;
    private readonly SqliteHistoryStore history;
    private readonly List<string> log = [];

    public RunAttemptsTests() => history = new SqliteHistoryStore(Path.Combine(folder, "history.db"));

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly SchedulerSettings Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(10), BusyPollInterval = TimeSpan.FromMilliseconds(10) };

    private static JobDefinition Job(int retries = 0, BusyPolicy whenBusy = BusyPolicy.Wait, TimeSpan? timeout = null) =>
        new("nightly", "jobs/nightly.yaml", "prod", new SourceLocation("jobs/nightly.yaml", 2, 9), "staging", new SourceLocation("jobs/nightly.yaml", 3, 9), [], 4, 10_000, true)
        {
            Retries = retries,
            WhenBusy = whenBusy,
            Timeout = timeout,
        };

    private RunAttempts Attempts(ScriptedExecutor executor, SchedulerSettings? settings = null) =>
        new(executor, history, settings ?? Fast, TimeProvider.System, new LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger());

    private static readonly RunOrigin Schedule = new("schedule", "n1");

    [Fact]
    public async Task A_transient_failure_is_retried_up_to_the_jobs_retries_and_each_retry_says_so()
    {
        var executor = new ScriptedExecutor([ScriptedExecutor.Failed(transient: true), ScriptedExecutor.Failed(transient: true), ScriptedExecutor.Succeeded()]);
        var result = await Attempts(executor).RunAsync(Job(retries: 2), Schedule, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(["schedule", "schedule, retry 1 of 2", "schedule, retry 2 of 2"], executor.Runs.Select(run => run.Trigger));
        Assert.Contains(log, line => line.Contains("failed on a transient error; retry 1 of 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_stop_at_the_limit_and_a_permanent_failure_is_not_retried()
    {
        var exhausted = new ScriptedExecutor([ScriptedExecutor.Failed(transient: true), ScriptedExecutor.Failed(transient: true)]);
        var last = await Attempts(exhausted).RunAsync(Job(retries: 1), Schedule, TestContext.Current.CancellationToken);
        Assert.Equal(RunOutcome.Failed, last.Outcome);
        Assert.Equal(2, exhausted.Runs.Count);

        var permanent = new ScriptedExecutor([ScriptedExecutor.Failed(transient: false, exitCode: ExitCodes.VerificationFailed)]);
        var result = await Attempts(permanent).RunAsync(Job(retries: 5), Schedule, TestContext.Current.CancellationToken);
        Assert.Equal(ExitCodes.VerificationFailed, result.ExitCode);
        Assert.Single(permanent.Runs);
    }

    [Fact]
    public void The_pause_before_a_retry_doubles_and_is_capped_at_30_minutes()
    {
        var attempts = Attempts(new ScriptedExecutor([]), new SchedulerSettings { RetryDelay = TimeSpan.FromMinutes(1) });
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], Enumerable.Range(1, 7).Select(retry => attempts.RetryDelay(retry).TotalMinutes));
    }

    [Fact]
    public async Task With_whenBusy_skip_a_busy_target_is_recorded_as_a_skipped_firing()
    {
        var executor = new ScriptedExecutor([], busyAnswers: [true]);
        var result = await Attempts(executor).RunAsync(Job(whenBusy: BusyPolicy.Skip), Schedule, TestContext.Current.CancellationToken);

        Assert.Equal(RunOutcome.Skipped, result.Outcome);
        Assert.Empty(executor.Runs);
        Assert.Contains(log, line => line.Contains("another run is writing target staging; skipping this firing (whenBusy: skip)", StringComparison.Ordinal));
        var row = Assert.Single(await history.ReadRunsAsync(new RunQuery("nightly"), TestContext.Current.CancellationToken));
        Assert.Equal(RunOutcome.Skipped, row.Outcome);
        Assert.Contains("another run was writing target 'staging'", row.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_whenBusy_wait_the_run_starts_once_the_target_is_free_and_the_log_says_it_waited()
    {
        var executor = new ScriptedExecutor([ScriptedExecutor.Succeeded()], busyAnswers: [true, true, true, false]);
        var result = await Attempts(executor).RunAsync(Job(), Schedule, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(4, executor.BusyChecks);
        Assert.Single(executor.Runs);
        Assert.Single(log, line => line.Contains("waiting until it is free (whenBusy: wait)", StringComparison.Ordinal));
        Assert.Contains(log, line => line.Contains("target staging is free; starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_run_that_lost_the_target_to_another_run_waits_and_runs_again()
    {
        var busy = ScriptedExecutor.Failed(transient: false, exitCode: ExitCodes.TargetBusy);
        var executor = new ScriptedExecutor([busy, ScriptedExecutor.Succeeded()], busyAnswers: [false, true, false]);
        var result = await Attempts(executor).RunAsync(Job(), Schedule, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(2, executor.Runs.Count);
    }

    [Fact]
    public async Task A_wait_longer_than_the_jobs_timeout_gives_the_firing_up()
    {
        var executor = new ScriptedExecutor([], busyAnswers: Enumerable.Repeat(true, 1000));
        var attempts = new RunAttempts(executor, history, Fast, new SteppingClock(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(20)), new LoggerConfiguration().WriteTo.Sink(new ListSink(log)).CreateLogger());
        var result = await attempts.RunAsync(Job(timeout: TimeSpan.FromHours(1)), Schedule, TestContext.Current.CancellationToken);

        Assert.Equal(RunOutcome.Skipped, result.Outcome);
        Assert.Empty(executor.Runs);
        Assert.Contains("stayed busy longer than the job's timeout (1h)", result.Error, StringComparison.Ordinal);
    }
}
