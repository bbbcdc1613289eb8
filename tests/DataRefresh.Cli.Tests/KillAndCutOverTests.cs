using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// What a refresh leaves behind when it is killed or interrupted at each stage, the swap itself, keepPrevious, one run per
/// target and leftover cleanup. Runs are real <c>datarefresh</c> processes stopped at a <see cref="HaltPoint"/>, then
/// killed with SIGKILL (no chance to clean up) or sent SIGINT (Ctrl+C).
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class KillAndCutOverTests(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, Customers, prodPrefix: "kprod", stagingPrefix: "kstaging")
{
    private const int Customers = 300;
    private const string Marker = "previous copy";

    public static TheoryData<string, bool> KillPoints => new()
    {
        // point, whether the next run (rather than `datarefresh cleanup`) removes what the killed run left
        { HaltPoint.Schema, false },
        { HaltPoint.Data, true },
        { HaltPoint.Verification, false },
        { HaltPoint.CutOver, true },
        { HaltPoint.Swapping, false },
        { HaltPoint.Renamed, false },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task A_run_killed_at_any_point_leaves_a_serving_target_and_leftovers_that_are_removed(string point, bool nextRunCleansUp)
    {
        await RefreshWithMarkerAsync();

        await using (var run = await HaltedRun.StartAsync(Cli.SettingsFile, point, Job()))
        {
            run.Kill();
        }

        if (point == HaltPoint.Renamed)
        {
            Assert.False(await MarkerPresentAsync(Staging), "after the swap committed the target serves the new copy");
            Assert.Equal(Customers, await CustomerCountAsync(Staging));
            Assert.StartsWith(StagingName + "__retired_", Assert.Single(await SideDatabasesAsync()), StringComparison.Ordinal);
        }
        else
        {
            Assert.True(await MarkerPresentAsync(Staging), $"killed at {point}, the target must still serve its previous copy");
            Assert.StartsWith(StagingName + "__refresh_", Assert.Single(await SideDatabasesAsync()), StringComparison.Ordinal);
        }

        var leftover = Assert.Single(await SideDatabasesAsync());
        if (nextRunCleansUp)
        {
            var (exitCode, _, error) = await Cli.RunAsync(["run", Job()]);
            Assert.True(exitCode == 0, error);
            Assert.Contains($"Dropped {leftover}", error, StringComparison.Ordinal);
        }
        else
        {
            var (exitCode, output, error) = await Cli.RunAsync(["cleanup"]);
            Assert.True(exitCode == 0, error);
            Assert.Contains($"staging: removed {leftover}", output, StringComparison.Ordinal);
            Assert.Empty(await SideDatabasesAsync());
            var rerun = await Cli.RunAsync(["run", Job()]);
            Assert.True(rerun.ExitCode == 0, rerun.Error);
        }

        Assert.Empty(await SideDatabasesAsync());
        Assert.False(await MarkerPresentAsync(Staging));
        Assert.Equal(Customers, await CustomerCountAsync(Staging));
    }

    [Theory]
    [InlineData(HaltPoint.Data)]
    [InlineData(HaltPoint.CutOver)]
    public async Task Ctrl_C_drops_the_side_database_and_leaves_the_target_as_it_was(string point)
    {
        await RefreshWithMarkerAsync();

        await using var run = await HaltedRun.StartAsync(Cli.SettingsFile, point, Job());
        var exitCode = await run.InterruptAsync();

        Assert.True(exitCode == ExitCodes.Cancelled, run.Error);
        Assert.Contains("Cancelled; the target was not changed.", run.Error, StringComparison.Ordinal);
        Assert.True(await MarkerPresentAsync(Staging));
        Assert.Empty(await SideDatabasesAsync());
    }

    [Fact]
    public async Task KeepPrevious_keeps_the_replaced_copy_as_previous_and_replaces_an_older_one()
    {
        await RefreshWithMarkerAsync(Job(keepPrevious: true));
        var previous = StagingName + "__previous";

        Assert.Equal(0, (await Cli.RunAsync(["run", Job(keepPrevious: true)])).ExitCode);

        Assert.False(await MarkerPresentAsync(Staging));
        Assert.True(await MarkerPresentAsync(Server.ConnectionStringFor(previous)), "the previous copy accepts connections and holds the old marker");
        Assert.Equal(new[] { previous }, await SideDatabasesAsync(includePrevious: true));

        // The next run's replaced copy (without the marker) takes the name; the older one is gone.
        Assert.Equal(0, (await Cli.RunAsync(["run", Job(keepPrevious: true)])).ExitCode);
        Assert.False(await MarkerPresentAsync(Server.ConnectionStringFor(previous)));
        Assert.Equal(new[] { previous }, await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task Without_keepPrevious_the_replaced_copy_is_dropped()
    {
        await RefreshWithMarkerAsync();

        Assert.Equal(0, (await Cli.RunAsync(["run", Job()])).ExitCode);

        Assert.False(await MarkerPresentAsync(Staging));
        Assert.Empty(await SideDatabasesAsync(includePrevious: true));
    }

    [Fact]
    public async Task A_second_run_on_the_same_target_fails_at_once_and_cleanup_leaves_the_live_run_alone()
    {
        await RefreshWithMarkerAsync();
        await using var first = await HaltedRun.StartAsync(Cli.SettingsFile, HaltPoint.Data, Job());
        var sideOfFirst = Assert.Single(await SideDatabasesAsync());

        var watch = Stopwatch.StartNew();
        var (exitCode, _, error) = await Cli.RunAsync(["run", Job()]);

        Assert.Equal(ExitCodes.TargetBusy, exitCode);
        Assert.Contains("Another run is refreshing target 'staging' right now", error, StringComparison.Ordinal);
        Assert.Equal(1, error.Split('\n').Count(line => line.StartsWith("error:", StringComparison.Ordinal)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));

        var cleanup = await Cli.RunAsync(["cleanup", "--env", "staging"]);
        Assert.Equal(0, cleanup.ExitCode);
        Assert.Contains("staging: skipped; a run is refreshing this target right now.", cleanup.Out, StringComparison.Ordinal);
        Assert.Equal(new[] { sideOfFirst }, await SideDatabasesAsync());

        // The lock dies with the process that held it.
        first.Kill();
        var rerun = await Cli.RunAsync(["run", Job()]);
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Empty(await SideDatabasesAsync());
    }

    [Fact]
    public async Task A_session_on_the_old_target_is_ended_and_the_cut_over_succeeds()
    {
        await RefreshWithMarkerAsync();
        await using var client = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(Staging));
        await client.OpenAsync(Token);

        // Idle in a transaction that holds a lock on a table of the old copy: the worst kind of session to leave behind.
        await using (var begin = new NpgsqlCommand("BEGIN; SELECT count(*) FROM marker;", client))
        {
            await begin.ExecuteNonQueryAsync(Token);
        }

        var (exitCode, _, error) = await Cli.RunAsync(["run", Job()]);

        Assert.True(exitCode == 0, error);
        Assert.False(await MarkerPresentAsync(Staging));
        await using var next = new NpgsqlCommand("SELECT 1", client);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => next.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task Cleanup_never_touches_production_and_says_so_when_named()
    {
        var lookalike = ProdName + "__refresh_20260101000000abcd";
        await PostgreSqlServerFixture.ExecuteAsync(Server.ConnectionString, $"CREATE DATABASE \"{lookalike}\"", Token);
        try
        {
            var (exitCode, output, error) = await Cli.RunAsync(["cleanup", "--env", "prod", "--env", "staging"]);

            Assert.True(exitCode == 0, error);
            Assert.Contains("prod: skipped; it is a production environment", output, StringComparison.Ordinal);
            Assert.Contains("staging: nothing to remove", output, StringComparison.Ordinal);
            Assert.True(await Server.DatabaseExistsAsync(lookalike, Token));
        }
        finally
        {
            await PostgreSqlServerFixture.ExecuteAsync(Server.ConnectionString, $"DROP DATABASE \"{lookalike}\"", Token);
        }
    }

    [Fact]
    public async Task Cleanup_dry_run_lists_without_dropping_and_ignores_lookalikes()
    {
        string[] leftovers = [StagingName + "__refresh_20260101000000abcd", StagingName + "__retired_20260101000000abce"];
        string[] lookalikes = [StagingName + "__refresh_manual", StagingName + "x__refresh_20260101000000abcd"];
        foreach (var name in leftovers.Concat(lookalikes))
        {
            await PostgreSqlServerFixture.ExecuteAsync(Server.ConnectionString, $"CREATE DATABASE \"{name}\"", Token);
        }

        try
        {
            var dry = await Cli.RunAsync(["cleanup", "--dry-run"]);
            Assert.True(dry.ExitCode == 0, dry.Error);
            Assert.Contains($"staging: would remove {leftovers[0]}", dry.Out, StringComparison.Ordinal);
            Assert.Contains($"staging: would remove {leftovers[1]}", dry.Out, StringComparison.Ordinal);
            Assert.True(await Server.DatabaseExistsAsync(leftovers[0], Token));

            var real = await Cli.RunAsync(["cleanup"]);
            Assert.True(real.ExitCode == 0, real.Error);
            Assert.False(await Server.DatabaseExistsAsync(leftovers[0], Token));
            Assert.False(await Server.DatabaseExistsAsync(leftovers[1], Token));
            Assert.True(await Server.DatabaseExistsAsync(lookalikes[0], Token));
            Assert.True(await Server.DatabaseExistsAsync(lookalikes[1], Token));
            Assert.DoesNotContain("prod", real.Out, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var name in lookalikes)
            {
                await PostgreSqlServerFixture.ExecuteAsync(Server.ConnectionString, $"DROP DATABASE IF EXISTS \"{name}\"", Token);
            }
        }
    }

    [Fact]
    public async Task Cleanup_of_an_unreachable_environment_exits_7()
    {
        Cli.UseEnvironments(("prod", Prod, true), ("staging", "Host=127.0.0.1;Port=1;Database=x;Timeout=5", false));

        var (exitCode, _, error) = await Cli.RunAsync(["cleanup"]);

        Assert.Equal(ExitCodes.DatabaseUnavailable, exitCode);
        Assert.Contains("error: staging:", error, StringComparison.Ordinal);
    }

    /// <summary>A successful refresh, then a marker table in the target that only this (previous) copy holds.</summary>
    private async Task RefreshWithMarkerAsync(string? job = null)
    {
        var (exitCode, _, error) = await Cli.RunAsync(["run", job ?? Job()]);
        Assert.True(exitCode == 0, error);
        await PostgreSqlServerFixture.ExecuteAsync(Staging, $"CREATE TABLE marker (note text); INSERT INTO marker VALUES ('{Marker}')", Token);
    }

    private string Job(bool keepPrevious = false) =>
        Cli.WriteFile(
            keepPrevious ? "keep-previous.yaml" : "job.yaml",
            $"source: prod\ntarget: staging\nrules: [ {RepositoryPaths.Rules("crm.yaml")} ]\nparallelism: 2\nbatchSize: 50\nkeepPrevious: {(keepPrevious ? "true" : "false")}\n");

    private static async Task<bool> MarkerPresentAsync(string connectionString) =>
        await PostgreSqlServerFixture.ScalarAsync<long>(connectionString, $"SELECT count(*) FROM pg_tables WHERE tablename = 'marker'", Token) > 0
        && await PostgreSqlServerFixture.ScalarAsync<string>(connectionString, "SELECT note FROM marker", Token) == Marker;

    private static async Task<int> CustomerCountAsync(string connectionString) =>
        (int)await PostgreSqlServerFixture.ScalarAsync<long>(connectionString, "SELECT count(*) FROM customers", Token);
}
