using DataRefresh.Core.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The sample databases plus <c>dev</c> and <c>qa</c> targets, a jobs folder of the test's own, and a way to wait for
/// the run history to say what the test expects.
/// </summary>
public abstract class ServeTestBase(PostgreSqlServerFixture server) : SampleDatabaseTestBase(server, customers: 300)
{
    protected string DevName { get; } = server.UniqueName("dev");

    protected string QaName { get; } = server.UniqueName("qa");

    protected string JobsFolder { get; private set; } = "";

    protected override Task UseEnvironmentsAsync()
    {
        Cli.UseEnvironments(("prod", Prod, true), ("staging", Staging, false), ("dev", Server.ConnectionStringFor(DevName), false), ("qa", Server.ConnectionStringFor(QaName), false));
        JobsFolder = Path.GetDirectoryName(Cli.WriteFile("jobs-marker", ""))!;
        JobsFolder = Directory.CreateDirectory(Path.Combine(JobsFolder, "jobs")).FullName;
        return Task.CompletedTask;
    }

    /// <summary>A job file in the test's jobs folder, reading prod through the repository's CRM rules unless it says otherwise.</summary>
    protected string WriteJob(string name, string body)
    {
        var path = Path.Combine(JobsFolder, name + ".yaml");
        File.WriteAllText(path, body.Replace("{rules}", RepositoryPaths.Rules("crm.yaml"), StringComparison.Ordinal));
        return path;
    }

    /// <summary>Polls the history until <paramref name="done"/> holds for its runs (newest first); returns them.</summary>
    protected static async Task<IReadOnlyList<RunHistoryEntry>> WaitForRunsAsync(
        IHistoryStore history, Func<IReadOnlyList<RunHistoryEntry>, bool> done, TimeSpan timeout, Func<string> log)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var runs = await history.ReadRunsAsync(new RunQuery(Limit: 200), Token);
            if (done(runs))
            {
                return runs;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"The history did not get there in {timeout.TotalSeconds} s; it holds:\n" +
                    string.Join('\n', runs.Select(run => $"{run.Job} {run.Outcome} {run.Trigger} {run.Node} {run.Error}")) + "\nLog:\n" + log());
            }

            await Task.Delay(250, Token);
        }
    }
}
