using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Runs;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The run use case without a command line or a database server: runs that fail before any connection still leave their
/// records, on the injected clock. Here rather than in Core.Tests because the records go to a real (SQLite) history store.
/// </summary>
public sealed class JobRunnerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("datarefresh-jobrunner-").FullName;
    private readonly RecordingDisplay display = new();

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task A_job_file_that_does_not_load_is_listed_under_its_file_name_and_recorded_as_failed()
    {
        var (runner, store) = Runner();

        await Assert.ThrowsAnyAsync<Exception>(() => runner.RunAsync(Request(Path.Combine(directory, "missing-job.yaml")), display, TestContext.Current.CancellationToken));

        var row = Assert.Single(await store.ReadRunsAsync(new RunQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(("missing-job", RunOutcome.Failed, Now), (row.Job, row.Outcome, row.StartedAt));
        Assert.NotEqual(ExitCodes.Success, row.ExitCode);
        var record = AuditJson.Deserialize(Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(), TestContext.Current.CancellationToken)));
        Assert.Equal(row.ExitCode, record.ExitCode);
        Assert.Equal((0, 0), (display.ProgressShown, display.SummariesShown));
    }

    [Fact]
    public async Task A_job_whose_environments_are_not_configured_is_recorded_under_its_name_and_shows_no_progress()
    {
        var (runner, store) = Runner();

        var error = await Assert.ThrowsAsync<DataRefreshException>(() => runner.RunAsync(Request(RepositoryPaths.Jobs("nightly-staging.yaml")), display, TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.Configuration, error.ExitCode);
        var row = Assert.Single(await store.ReadRunsAsync(new RunQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(("nightly-staging", "staging", RunOutcome.Failed, ExitCodes.Configuration, error.Message), (row.Job, row.Target, row.Outcome, row.ExitCode, row.Error));
        Assert.Equal((0, 0), (display.ProgressShown, display.SummariesShown));
    }

    private static RunRequest Request(string jobFile) => new(jobFile, null, new RunOrigin("test", "here"));

    private (JobRunner Runner, SqliteHistoryStore Store) Runner()
    {
        var store = new SqliteHistoryStore(Path.Combine(directory, "history.db"));
        var recorder = new RunRecorder(new AuditTrail(new AuditJsonLines(Path.Combine(directory, "audit.jsonl")), store, Serilog.Core.Logger.None), store, Serilog.Core.Logger.None);
        var settings = new DataRefreshSettings(new Dictionary<string, EnvironmentSettings>(), null, "no settings (test)");
        return (new JobRunner(recorder, settings, new ProviderRegistry([]), Serilog.Core.Logger.None, new FixedClock()), store);
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class RecordingDisplay : IRunDisplay
    {
        public int ProgressShown { get; private set; }

        public int SummariesShown { get; private set; }

        public IAsyncDisposable ShowProgress(RefreshProgress progress)
        {
            ProgressShown++;
            return new Nothing();
        }

        public void ShowSummary(RefreshResult result, RefreshContext context) => SummariesShown++;

        private sealed class Nothing : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
