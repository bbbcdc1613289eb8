using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.History;
using DataRefresh.Scheduling.Running;
using Serilog;

namespace DataRefresh.Scheduling.Tests;

/// <summary>An upstream that did not succeed: every copy down its chain is listed as skipped, saying why.</summary>
public sealed class ChainFollowUpTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-chain-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static JobDefinition Job(string name, string source, string target, string? upstream, params JobDefinition[] then) =>
        new(name, "jobs/nightly.yaml", source, new SourceLocation("jobs/nightly.yaml", 1, 1), target, new SourceLocation("jobs/nightly.yaml", 1, 1), [], 4, 10_000, true)
        {
            Upstream = upstream,
            Then = then,
        };

    [Fact]
    public async Task A_failed_upstream_skips_its_copies_and_theirs_naming_the_run_and_exit_code()
    {
        var history = new SqliteHistoryStore(Path.Combine(folder, "history.db"));
        var fromDev = Job("dev-demo", "dev", "demo", "nightly-dev");
        var nightly = Job("nightly", "prod", "staging", null, Job("nightly-dev", "staging", "dev", "nightly", fromDev), Job("nightly-qa", "staging", "qa", "nightly"));
        var failed = new JobRunResult("20261123020000abcd", RunOutcome.Failed, ExitCodes.VerificationFailed, "verification failed", Transient: false);

        // No scheduler is needed on this path: nothing is started.
        await new ChainFollowUp(history, TimeProvider.System, new LoggerConfiguration().CreateLogger())
            .ContinueAsync(null!, nightly, failed, "n1", TestContext.Current.CancellationToken);

        var rows = (await history.ReadRunsAsync(new RunQuery(), TestContext.Current.CancellationToken)).ToDictionary(row => row.Job);
        Assert.Equal(["dev-demo", "nightly-dev", "nightly-qa"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(rows.Values, row => Assert.Equal(RunOutcome.Skipped, row.Outcome));
        Assert.Equal("skipped: upstream nightly failed (run 20261123020000abcd, exit 11)", rows["nightly-dev"].Error);
        Assert.Equal("skipped: upstream nightly-dev was skipped", rows["dev-demo"].Error);
        Assert.Equal("after nightly", rows["nightly-qa"].Trigger);
    }
}
