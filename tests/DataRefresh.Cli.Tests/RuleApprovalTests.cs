using DataRefresh.Core.Approvals;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// <c>requireApprovedRules: true</c> as real <c>datarefresh run</c>s of the SQLite demo's rules in a project folder of
/// the test's own: refused before any approval, run once the files are approved, refused again when a file changes after
/// the approval — each refusal before data moves, with its audit record; the run keeps the schema it read for review.
/// A serve node refuses and runs the same way.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class RuleApprovalTests : IDisposable
{
    private readonly CliRunner cli = new();

    public RuleApprovalTests()
    {
        SqliteTestFile.CreateDemoProduction(Production, 40);
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("staging", "Sqlite", $"Data Source={Staging}", false));
        Directory.CreateDirectory(Path.Combine(Project, "rules"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml"), RuleFile);
        Directory.CreateDirectory(Path.Combine(Project, "jobs"));
        File.WriteAllText(Job, """
            name: approved-only
            source: prod
            target: staging
            rules: [ ../rules/crm-sqlite.yaml ]
            requireApprovedRules: true
            """);
    }

    private string Production => Path.Combine(cli.Folder, "crm-prod.db");

    private string Staging => Path.Combine(cli.Folder, "crm-staging.db");

    private string Project => Path.Combine(cli.Folder, "project");

    private string RuleFile => Path.Combine(Project, "rules", "crm-sqlite.yaml");

    private string Job => Path.Combine(Project, "jobs", "approved-only.yaml");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_requiring_approved_rules_runs_only_while_its_files_are_the_approved_version()
    {
        var (refused, _, notYet) = await cli.RunAsync(["run", Job]);
        Assert.Equal(ExitCodes.RulesNotApproved, refused);
        Assert.Contains("approved-only.yaml:5:1: job 'approved-only' requires approved rules, and no version of the rule files for environment 'prod' has been approved yet", notYet, StringComparison.Ordinal);
        Assert.False(File.Exists(Staging));

        var store = new SqliteHistoryStore(cli.HistoryFile);
        var approvedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        var version = RuleVersion.Read(Project, [RuleFile]);
        Assert.Equal("rules/crm-sqlite.yaml", Assert.Single(version.Files).Path);
        await store.SaveApprovalAsync(new RuleApproval("approval-1", "prod", version, "rita", "reviewed with the DPO", approvedAt), Token);

        var (ran, output, error) = await cli.RunAsync(["run", Job]);
        Assert.True(ran == 0, output + error);
        Assert.True(File.Exists(Staging));
        var schema = await store.FindSourceSchemaAsync("prod", Token);
        Assert.NotNull(schema!.Schema.FindTable(new("main", "customers")));

        // One byte more, even in a comment, is another version.
        File.AppendAllText(RuleFile, "# changed after the sign-off\n");
        var (changed, _, differs) = await cli.RunAsync(["run", Job]);
        Assert.Equal(ExitCodes.RulesNotApproved, changed);
        Assert.Contains("rules/crm-sqlite.yaml differs from the version rita approved at 2026-11-30 09:15Z for environment 'prod'", differs, StringComparison.Ordinal);

        var records = (await store.ReadAuditRecordsAsync(new AuditQuery(Job: "approved-only"), Token)).Select(AuditJson.Deserialize).ToList();
        Assert.Equal([ExitCodes.RulesNotApproved, 0, ExitCodes.RulesNotApproved], records.Select(record => record.ExitCode));
        Assert.All(records.Where(record => record.ExitCode != 0), record => Assert.Equal(0, record.RowsCopied));
    }

    [Fact]
    public async Task A_serve_node_refuses_a_requested_run_of_unapproved_rules_before_data_moves_and_runs_it_once_approved()
    {
        var store = new SqliteHistoryStore(cli.HistoryFile);
        await using var node = await ServeNode.StartAsync(cli, Path.Combine(Project, "jobs"), "approval-node");

        await store.RequestTriggerAsync("approved-only", "console:dana", TimeProvider.System.GetUtcNow(), Token);
        var refused = await EndedRunAsync(store, node, 1);
        Assert.Equal((RunOutcome.Failed, ExitCodes.RulesNotApproved), (refused.Outcome, refused.ExitCode));
        Assert.Contains("no version of the rule files for environment 'prod' has been approved yet", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Staging));

        await store.SaveApprovalAsync(new RuleApproval("approval-1", "prod", RuleVersion.Read(Project, [RuleFile]), "rita", "reviewed", TimeProvider.System.GetUtcNow()), Token);
        await store.RequestTriggerAsync("approved-only", "console:dana", TimeProvider.System.GetUtcNow(), Token);
        var ran = await EndedRunAsync(store, node, 2);
        Assert.True(ran.Outcome == RunOutcome.Succeeded, ran.Error + node.Log);
        Assert.True(File.Exists(Staging));
    }

    /// <summary>The newest run of the job once <paramref name="count"/> of its runs have ended (a minute at most).</summary>
    private static async Task<RunHistoryEntry> EndedRunAsync(SqliteHistoryStore store, ServeNode node, int count)
    {
        for (var deadline = TimeProvider.System.GetUtcNow().AddMinutes(1); TimeProvider.System.GetUtcNow() < deadline; await Task.Delay(250, Token))
        {
            var runs = await store.ReadRunsAsync(new RunQuery(Job: "approved-only"), Token);
            if (runs.Count(run => run.EndedAt is not null) >= count)
            {
                return runs[0];
            }
        }

        Assert.Fail($"{count} run(s) of approved-only did not end within a minute:\n{node.Log}");
        throw new InvalidOperationException("unreachable");
    }

    [Fact]
    public void The_key_is_only_true_or_false_and_only_on_a_job_not_on_a_copy()
    {
        File.WriteAllText(Job, File.ReadAllText(Job).Replace("requireApprovedRules: true", "requireApprovedRules: yes", StringComparison.Ordinal));
        var error = Assert.Throws<Core.Errors.FileFormatException>(() => Core.Jobs.JobFileLoader.Load(Job));
        Assert.Contains("approved-only.yaml:5:23: 'requireApprovedRules' must be true or false.", error.Message, StringComparison.Ordinal);

        File.WriteAllText(Job, File.ReadAllText(Job).Replace("requireApprovedRules: yes", "then:\n  - target: qa\n    requireApprovedRules: true", StringComparison.Ordinal));
        var onCopy = Assert.Throws<Core.Errors.FileFormatException>(() => Core.Jobs.JobFileLoader.Load(Job));
        Assert.Contains("requireApprovedRules", onCopy.Message, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();
}
