using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>datarefresh audit --verify</c> and <c>datarefresh purge</c> on a real SQLite history store: the chain verifies, a
/// record edited behind the store's back is exit 15 naming the run, and a purge removes only what it is told to, records
/// itself and leaves the chain verifiable.
/// </summary>
public sealed class AuditChainCommandTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly CliRunner cli = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public AuditChainCommandTests() => cli.UseEnvironments(("prod", "Host=prod.invalid;Database=crm", true), ("staging", "Host=staging.invalid;Database=crm_staging", false));

    private async Task RecordRunsAsync(params (string RunId, DateTimeOffset Ended)[] runs)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cli.HistoryFile)!);
        var store = new SqliteHistoryStore(cli.HistoryFile);
        foreach (var (runId, ended) in runs)
        {
            await store.StartRunAsync(new RunStart(runId, "nightly", "schedule", "node-a", ended.AddMinutes(-3), null, "staging"), Token);
            await store.FinishRunAsync(new RunEnd(runId, RunOutcome.Succeeded, ended, 0, null, []), Token);
            await store.AddAuditRecordAsync(
                new AuditRecord
                {
                    RunId = runId, Job = "nightly", JobFile = "jobs/nightly.yaml", Outcome = AuditOutcome.Succeeded, ExitCode = 0,
                    RanBy = new AuditHost("u", "m", 1, "1.0"), StartedAt = ended.AddMinutes(-3), EndedAt = ended,
                },
                Token);
        }
    }

    [Fact]
    public async Task Verify_prints_the_head_of_an_intact_chain_and_is_exit_15_naming_the_run_whose_record_was_edited()
    {
        await RecordRunsAsync(("r1", Noon), ("r2", Noon.AddDays(1)));

        var (intact, output, _) = await cli.RunAsync(["audit", "--verify"], withMaskingKey: false);
        Assert.True(intact == ExitCodes.Success, output);
        Assert.Matches("^Audit chain intact: 2 records in .*history\\.db; head [0-9a-f]{64}\\.$", output.Trim());

        await using (var connection = new SqliteConnection($"Data Source={cli.HistoryFile};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE audit_records SET record = replace(record, '\"exitCode\":0', '\"exitCode\":1') WHERE run_id = 'r1'";
            Assert.Equal(1, await edit.ExecuteNonQueryAsync(Token));
        }

        var (broken, _, error) = await cli.RunAsync(["audit", "--verify"], withMaskingKey: false);
        Assert.Equal(ExitCodes.AuditChainBroken, broken);
        Assert.Contains("Audit chain broken: record 1 (run r1) was changed after it was written", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_takes_no_filters()
    {
        var (exitCode, _, error) = await cli.RunAsync(["audit", "--verify", "--job", "nightly"], withMaskingKey: false);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--verify checks the whole chain", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_removes_what_ended_before_its_date_records_itself_and_the_chain_still_verifies()
    {
        await RecordRunsAsync(("old", Noon.AddDays(-60)), ("new", Noon));

        var (exitCode, output, error) = await cli.RunAsync(["purge", "--before", "2026-11-01"], withMaskingKey: false);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        Assert.Contains("Purged 1 run and 1 audit record of runs that ended before 2026-11-01 00:00 UTC", output, StringComparison.Ordinal);
        var (_, history, _) = await cli.RunAsync(["history"], withMaskingKey: false);
        Assert.DoesNotContain("2026-09-24", history, StringComparison.Ordinal);
        var (_, audit, _) = await cli.RunAsync(["audit"], withMaskingKey: false);
        Assert.Contains("purge  run", audit, StringComparison.Ordinal);
        Assert.Contains("removed 1 runs and 1 audit records of runs that ended before 2026-11-01 00:00:00Z", audit, StringComparison.Ordinal);
        var (verified, verifyOutput, _) = await cli.RunAsync(["audit", "--verify"], withMaskingKey: false);
        Assert.Equal(ExitCodes.Success, verified);
        Assert.StartsWith("Audit chain intact: 2 records", verifyOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[] { "purge" }, "purge needs to know what to keep: pass --before <date> or set DataRefresh:History:RetentionDays")]
    [InlineData(new string[] { "purge", "--before", "next tuesday" }, "--before 'next tuesday' is not a date")]
    [InlineData(new string[] { "purge", "--before", "9999-01-01" }, "is in the future")]
    public async Task Purge_without_a_date_or_with_a_bad_one_is_a_usage_error_that_removes_nothing(string[] args, string message)
    {
        await RecordRunsAsync(("old", Noon.AddDays(-60)));

        var (exitCode, _, error) = await cli.RunAsync(args, withMaskingKey: false);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Nothing was removed.", error, StringComparison.Ordinal);
        Assert.Single(await new SqliteHistoryStore(cli.HistoryFile).ReadRunsAsync(new RunQuery(Limit: 10), Token));
    }

    [Fact]
    public async Task Purge_keeps_the_retention_days_the_settings_give()
    {
        await RecordRunsAsync(("old", Noon.AddDays(-60)), ("new", Noon));

        // 30 days before any day this test runs on is after the old run and, from 2026-12-23 on, after the new one too:
        // only the old run's removal is asserted.
        var (exitCode, output, error) = await cli.RunAsync(["purge"], new Dictionary<string, string?> { ["DataRefresh:History:RetentionDays"] = "30" }, Token);

        Assert.True(exitCode == ExitCodes.Success, output + error);
        var runs = await new SqliteHistoryStore(cli.HistoryFile).ReadRunsAsync(new RunQuery(Limit: 10), Token);
        Assert.DoesNotContain(runs, run => run.RunId == "old");
    }

    public void Dispose() => cli.Dispose();
}
