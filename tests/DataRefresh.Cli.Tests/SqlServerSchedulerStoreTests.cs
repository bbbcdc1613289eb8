using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// A SQL Server shop's scheduler: two real <c>serve</c> nodes share Quartz's job store and the history in one SQL Server
/// database (<c>Scheduler:Store: sqlserver</c>, no PostgreSQL for either), and every firing runs on exactly one node. The
/// refreshes themselves copy the PostgreSQL sample databases: what is proven here is the store. Skipped with its reason
/// where there is no SQL Server (see <see cref="SqlServerInstance"/>).
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class SqlServerSchedulerStoreTests(PostgreSqlServerFixture server, SqlServerInstance sqlServer) : ServeTestBase(server), IClassFixture<SqlServerInstance>
{
    [Fact]
    public async Task Two_nodes_share_the_schedule_and_the_history_in_SQL_Server_and_each_firing_runs_once()
    {
        var scheduler = await sqlServer.CreateDatabaseAsync($"dr_scheduler_{Guid.NewGuid():N}", Token);
        var settings = new Dictionary<string, string>
        {
            ["Scheduler:Store"] = "SqlServer",
            ["Scheduler:ConnectionString"] = scheduler,
            ["Scheduler:CheckinInterval"] = "00:00:02",
            ["Scheduler:CheckinMisfireThreshold"] = "00:00:10",
        };
        WriteJob("often", "source: prod\ntarget: staging\nrules: [ \"{rules}\" ]\nschedule: \"0/4 * * * * ?\"\n");

        await using var first = await ServeNode.StartAsync(Cli, JobsFolder, "node-a", settings);
        await using var second = await ServeNode.StartAsync(Cli, JobsFolder, "node-b", settings);

        // Quartz created its tables, and the history its schema, in the scheduler's database.
        await using (var connection = new SqlConnection(scheduler))
        {
            await connection.OpenAsync(Token);
            await using var command = new SqlCommand("SELECT count(*) FROM sys.tables WHERE name IN (N'qrtz_triggers', N'runs')", connection);
            Assert.Equal(2, (int)(await command.ExecuteScalarAsync(Token)));
        }

        var history = new SqlServerHistoryStore(scheduler);
        await WaitForRunsAsync(history, runs => runs.Count(run => run.Outcome == RunOutcome.Succeeded) >= 3, TimeSpan.FromSeconds(120), () => first.Log + "\n" + second.Log);
        Assert.Equal(0, await first.TerminateAsync());
        Assert.Equal(0, await second.TerminateAsync());

        var runs = await history.ReadRunsAsync(new RunQuery("often", 200), Token);
        var repeated = runs.Where(run => run.Trigger == "schedule").GroupBy(run => run.ScheduledFor).Where(firing => firing.Count() > 1).Select(firing => firing.Key).ToList();
        Assert.True(repeated.Count == 0, $"firings that ran more than once: {string.Join(", ", repeated)}");
        Assert.DoesNotContain(runs, run => run.Outcome is RunOutcome.Failed or RunOutcome.Interrupted);
        Assert.Equal(2, (await history.ReadNodesAsync(Token)).Count);
    }
}
