using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Runs;
using DataRefresh.History;

namespace DataRefresh.Cli.Tests;

/// <summary>What an audit that cannot be written means for a run's exit code: never hiding a failure, never passing silently.</summary>
public sealed class RunRecorderTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("datarefresh-recorder-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The JSON-lines "file" is a folder, so appending to it fails; the history store works.</summary>
    private (RunRecorder Recorder, SqliteHistoryStore Store) HalfBrokenRecorder()
    {
        var store = new SqliteHistoryStore(Path.Combine(directory, "history.db"));
        var folder = Directory.CreateDirectory(Path.Combine(directory, "audit.jsonl")).FullName;
        return (new RunRecorder(new AuditTrail(new AuditJsonLines(folder), store, Serilog.Core.Logger.None), store, Serilog.Core.Logger.None), store);
    }

    private static RunFacts Facts(int exitCode, string? error)
    {
        var progress = new RefreshProgress();
        progress.Journal.RunId = "r1";
        return new("jobs/x.yaml", null, [], progress, TimeProvider.System.GetUtcNow(), TimeProvider.System.GetUtcNow(), exitCode, error);
    }

    [Fact]
    public async Task A_successful_run_whose_record_cannot_be_written_everywhere_exits_13_and_says_where_it_is_missing()
    {
        var (recorder, store) = HalfBrokenRecorder();

        var error = await Assert.ThrowsAsync<DataRefreshException>(() => recorder.RecordSuccessAsync(Facts(0, null), "staging", TestContext.Current.CancellationToken));

        Assert.Equal(ExitCodes.AuditNotWritten, error.ExitCode);
        Assert.Contains("the refresh of 'staging' succeeded", error.Message, StringComparison.Ordinal);
        Assert.Contains("audit.jsonl", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("history.db", error.Message, StringComparison.Ordinal);

        // The store that worked still has the record.
        Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_failed_run_whose_record_cannot_be_written_keeps_its_own_error()
    {
        var (recorder, store) = HalfBrokenRecorder();

        await recorder.RecordStartAsync(new RunStart("r1", "x", "run command by test", "here", TimeProvider.System.GetUtcNow(), null, "staging"), TestContext.Current.CancellationToken);
        await recorder.RecordFailureAsync(Facts(ExitCodes.RefreshFailed, "copying public.customers: …"), RunOutcome.Failed, TestContext.Current.CancellationToken);

        var json = Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(ExitCodes.RefreshFailed, AuditJson.Deserialize(json).ExitCode);

        // The history row started with the run is completed with the same outcome and sentence.
        var row = Assert.Single(await store.ReadRunsAsync(new RunQuery(), TestContext.Current.CancellationToken));
        Assert.Equal((RunOutcome.Failed, ExitCodes.RefreshFailed, "copying public.customers: …"), (row.Outcome, row.ExitCode, row.Error));
    }
}
