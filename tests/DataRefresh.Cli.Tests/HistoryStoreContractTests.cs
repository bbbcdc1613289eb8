using DataRefresh.Core.Accounts;
using DataRefresh.Core.Approvals;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Drift;
using DataRefresh.Core.History;
using DataRefresh.Core.Schema;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// What every history store promises (IHistoryStore's docs), run against each real store by a subclass of a few lines:
/// the scheduler and the CLI rely on SQLite and PostgreSQL behaving the same.
/// </summary>
public abstract class HistoryStoreContractTests
{
    protected static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A ready store in a place no other test uses.</summary>
    protected abstract Task<IHistoryStore> NewStoreAsync();

    /// <summary>Runs <paramref name="sql"/> on <paramref name="store"/>'s database behind its back, as someone with write access could.</summary>
    protected abstract Task ExecuteBehindTheStoreAsync(IHistoryStore store, string sql);

    /// <summary>A table's name as the store's engine writes it.</summary>
    protected virtual string TableName(string name) => $"datarefresh.{name}";

    /// <summary>An instant column's name as the store's engine writes it.</summary>
    protected virtual string TimeColumn(string name) => name;

    /// <summary><see cref="ExecuteBehindTheStoreAsync"/> with <c>{audit_records}</c>, <c>{started_at}</c> and <c>{ended_at}</c> named as the store names them.</summary>
    private Task TamperAsync(IHistoryStore store, string sql) =>
        ExecuteBehindTheStoreAsync(
            store,
            sql.Replace("{audit_records}", TableName("audit_records"), StringComparison.Ordinal)
                .Replace("{started_at}", TimeColumn("started_at"), StringComparison.Ordinal)
                .Replace("{ended_at}", TimeColumn("ended_at"), StringComparison.Ordinal));

    private static AuditRecord AuditRecordOf(string runId, DateTimeOffset ended) => new()
    {
        RunId = runId,
        Job = "nightly",
        JobFile = "jobs/nightly.yaml",
        Outcome = AuditOutcome.Succeeded,
        ExitCode = 0,
        RanBy = new AuditHost("u", "m", 1, "1.0"),
        StartedAt = ended.AddMinutes(-3),
        EndedAt = ended,
    };

    /// <summary>A store holding the chained records of runs a, b, c and d, in that order.</summary>
    private async Task<(IHistoryStore Store, List<StoredAuditRecord> Added)> ChainOfFourAsync()
    {
        var store = await NewStoreAsync();
        var added = new List<StoredAuditRecord>();
        foreach (var (runId, index) in new[] { "a", "b", "c", "d" }.Select((runId, index) => (runId, index)))
        {
            added.Add(await store.AddAuditRecordAsync(AuditRecordOf(runId, Noon.AddMinutes(index)), Token));
        }

        return (store, added);
    }

    [Fact]
    public async Task Accounts_are_saved_found_replaced_listed_and_removed_by_exact_name()
    {
        var store = await NewStoreAsync();
        await store.SaveAccountAsync(new ConsoleAccount("rita", "hash-1", [ConsoleRoles.Reviewer], Noon), Token);
        await store.SaveAccountAsync(new ConsoleAccount("dan", "hash-2", [ConsoleRoles.Dba, ConsoleRoles.Developer], Noon.AddHours(1)), Token);

        var dan = await store.FindAccountAsync("dan", Token);
        Assert.Equal(("hash-2", Noon.AddHours(1)), (dan!.PasswordHash, dan.CreatedAt));
        Assert.Equal([ConsoleRoles.Dba, ConsoleRoles.Developer], dan.Roles);
        Assert.Null(await store.FindAccountAsync("Dan", Token));

        // Saving again replaces the password and roles, and keeps when the account was made.
        await store.SaveAccountAsync(new ConsoleAccount("rita", "hash-3", [ConsoleRoles.Reviewer, ConsoleRoles.Developer], Noon.AddDays(1)), Token);
        var rita = await store.FindAccountAsync("rita", Token);
        Assert.Equal(("hash-3", Noon), (rita!.PasswordHash, rita.CreatedAt));
        Assert.Equal(["dan", "rita"], (await store.ReadAccountsAsync(Token)).Select(account => account.Name));

        Assert.True(await store.RemoveAccountAsync("dan", Token));
        Assert.False(await store.RemoveAccountAsync("dan", Token));
        Assert.Equal(["rita"], (await store.ReadAccountsAsync(Token)).Select(account => account.Name));
    }

    [Fact]
    public async Task Approvals_are_kept_per_environment_newest_first_with_every_file()
    {
        var store = await NewStoreAsync();
        static RuleVersion Version(string text) => new([new RuleFileVersion("rules/crm.yaml", new string('a', 64), text), new RuleFileVersion("rules/hr.yaml", new string('b', 64), "version: 1\n")]);
        await store.SaveApprovalAsync(new RuleApproval("approval-1", "prod", Version("version: 1\n# first\n"), "rita", "first sign-off", Noon), Token);
        await store.SaveApprovalAsync(new RuleApproval("approval-2", "prod", Version("version: 1\n# second\n"), "rita", "mask the new phone column", Noon.AddDays(1)), Token);
        await store.SaveApprovalAsync(new RuleApproval("approval-3", "hr-prod", Version("version: 1\n"), "ravi", "hr", Noon.AddDays(2)), Token);

        var approvals = await store.ReadApprovalsAsync("prod", Token);
        Assert.Equal(["approval-2", "approval-1"], approvals.Select(approval => approval.Id));
        var newest = approvals[0];
        Assert.Equal(("prod", "rita", "mask the new phone column", Noon.AddDays(1)), (newest.Environment, newest.Reviewer, newest.Comment, newest.ApprovedAt));
        Assert.Equal(Version("version: 1\n# second\n").Files, newest.Version.Files);
        Assert.Empty(await store.ReadApprovalsAsync("staging", Token));
    }

    [Fact]
    public async Task An_environments_schema_is_kept_replaced_and_read_back_whole()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.FindSourceSchemaAsync("prod", Token));
        var customers = new QualifiedName("public", "customers");
        var schema = new DatabaseSchema(
            [
                new TableInfo(customers, [new ColumnInfo("id", "integer", "int4", ColumnCategory.Integer, null, true, false, Precision: 32), new ColumnInfo("email", "character varying(200)", "varchar", ColumnCategory.Text, 200, false, false)], [], 12, false, [["id"], ["email"]]),
                new TableInfo(
                    new QualifiedName("public", "orders"),
                    [
                        new ColumnInfo("customer_id", "integer", "int4", ColumnCategory.Integer, null, true, false),
                        new ColumnInfo("tags", "text[]", "_text", ColumnCategory.Array, null, false, false, Element: new ColumnInfo("tags", "text", "text", ColumnCategory.Text, null, false, false)),
                        new ColumnInfo("state", "order_state", "order_state", ColumnCategory.Other, null, false, false, Labels: ["new", "paid"]),
                    ],
                    [new ForeignKeyInfo("orders_customer_fk", ["customer_id"], customers, ["id"])],
                    40,
                    false),
            ],
            largeObjects: 3);
        await store.SaveSourceSchemaAsync(new SourceSchemaRecord("prod", Noon, "run-1", new DatabaseSchema([])), Token);
        await store.SaveSourceSchemaAsync(new SourceSchemaRecord("prod", Noon.AddHours(1), "run-2", schema), Token);

        var kept = await store.FindSourceSchemaAsync("prod", Token);
        Assert.Equal(("run-2", Noon.AddHours(1), 3L), (kept!.RunId, kept.ReadAt, kept.Schema.LargeObjects));
        Assert.Equal(ReviewJson.Serialize(schema), ReviewJson.Serialize(kept.Schema));
        var orders = kept.Schema.FindTable(new QualifiedName("public", "orders"))!;
        Assert.Equal(customers, orders.ForeignKeys[0].ReferencedTable);
        Assert.Equal(["new", "paid"], orders.FindColumn("state")!.Labels);
        Assert.Equal(ColumnCategory.Text, orders.FindColumn("tags")!.Element!.Category);
        Assert.True(kept.Schema.FindTable(customers)!.IsUnique("email"));
    }

    [Fact]
    public async Task An_environments_latest_scan_replaces_the_one_before_and_reads_back_whole()
    {
        var store = await NewStoreAsync();
        Assert.Null(await store.FindScanAsync("prod", Token));
        var customers = new QualifiedName("public", "customers");
        await store.SaveScanAsync(new ScanRecord("prod", Noon, 1000, [new FlaggedColumn(customers, "notes", SensitiveKind.Phone, ["content: 40% phone (400/1000)"])]), Token);
        await store.SaveScanAsync(new ScanRecord("staging", Noon, 10, []), Token);
        FlaggedColumn[] flagged =
        [
            new(customers, "email", SensitiveKind.Email, ["name matches 'email'", "content: 100% email (50/50)"]),
            new(new QualifiedName("crm", "people"), "born", SensitiveKind.BirthDate, ["name matches 'born'"]),
        ];
        await store.SaveScanAsync(new ScanRecord("prod", Noon.AddHours(2), 50, flagged), Token);

        var kept = await store.FindScanAsync("prod", Token);
        Assert.Equal(("prod", Noon.AddHours(2), 50), (kept!.Environment, kept.ScannedAt, kept.SampleRows));
        Assert.Equal(flagged.Select(column => (column.Table, column.Column, column.Kind, string.Join("|", column.Evidence))), kept.Flagged.Select(column => (column.Table, column.Column, column.Kind, string.Join("|", column.Evidence))));
        Assert.Null(kept.Find(customers, "notes"));
        Assert.Empty((await store.FindScanAsync("staging", Token))!.Flagged);
    }

    [Fact]
    public async Task Each_audit_record_carries_the_hash_of_the_one_before_and_the_chain_verifies()
    {
        var (store, added) = await ChainOfFourAsync();

        Assert.Equal(AuditChain.Genesis, AuditJson.Deserialize(added[0].Json).PreviousRecordHash);
        for (var index = 1; index < added.Count; index++)
        {
            Assert.Equal(added[index - 1].Hash, AuditJson.Deserialize(added[index].Json).PreviousRecordHash);
            Assert.Equal(AuditChain.Hash(added[index].Json), added[index].Hash);
        }

        // What the store returns for reading is exactly what was chained.
        Assert.Equal([.. added.Select(record => record.Json)], await store.ReadAuditRecordsAsync(new AuditQuery(), Token));
        var report = await AuditChain.VerifyAsync(store, Token);
        Assert.True(report.Intact, string.Join("; ", report.Problems));
        Assert.Equal((4, 0, added[3].Hash), (report.Chained, report.BeforeChain, report.Head));
    }

    [Theory]
    [InlineData("UPDATE {audit_records} SET record = replace(record, '\"succeeded\"', '\"failed\"') WHERE run_id = 'b'", "record 2 (run b) was changed after it was written")]
    [InlineData("DELETE FROM {audit_records} WHERE run_id = 'b'", "record 2 (run c) does not follow the record before it")]
    [InlineData("DELETE FROM {audit_records} WHERE run_id = 'd'", "records after it were removed")]
    [InlineData("INSERT INTO {audit_records} (run_id, job, job_file, {started_at}, {ended_at}, outcome, exit_code, record) SELECT 'x', job, job_file, {started_at}, {ended_at}, outcome, exit_code, record FROM {audit_records} WHERE run_id = 'd'",
        "record 5 (run x) has no hash: it was added to the store outside the chain")]
    public async Task A_changed_removed_or_slipped_in_audit_record_breaks_the_chain(string tampering, string problem)
    {
        var (store, _) = await ChainOfFourAsync();

        await TamperAsync(store, tampering);

        var report = await AuditChain.VerifyAsync(store, Token);
        Assert.False(report.Intact);
        Assert.Contains(report.Problems, found => found.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writers_adding_records_at_once_each_link_to_a_different_record()
    {
        var store = await NewStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(index => Task.Run(() => store.AddAuditRecordAsync(AuditRecordOf($"run-{index}", Noon), Token), Token)));

        var report = await AuditChain.VerifyAsync(store, Token);
        Assert.True(report.Intact, string.Join("; ", report.Problems));
        Assert.Equal(8, report.Chained);
    }

    [Fact]
    public async Task A_purge_removes_old_runs_and_a_prefix_of_the_chain_records_itself_and_leaves_the_chain_verifiable()
    {
        var store = await NewStoreAsync();
        var old = Noon.AddDays(-30);
        foreach (var (runId, ended) in new[] { ("old-1", old), ("old-2", old.AddHours(1)), ("new", Noon), ("late", old.AddHours(2)) })
        {
            await store.StartRunAsync(Start(runId, at: ended.AddMinutes(-3)), Token);
            await store.FinishRunAsync(new RunEnd(runId, RunOutcome.Succeeded, ended, 0, null, []), Token);
            await store.AddAuditRecordAsync(AuditRecordOf(runId, ended), Token);
        }

        await store.StartRunAsync(Start("running", at: old), Token);

        var purge = await store.PurgeAsync(
            Noon.AddDays(-1),
            removed => AuditRecordOf("purge-1", Noon) with { Kind = AuditKinds.Purge, Job = null, JobFile = "", Purge = removed },
            Token);

        // Every run that ended before the cut goes; the running one has not ended. Of the audit records only the chain's
        // prefix before "new" goes: "late" ended before the cut but was added after "new", so it stays.
        Assert.Equal(new AuditPurge(Noon.AddDays(-1), 3, 2), purge);
        Assert.Equal(["new", "running"], (await store.ReadRunsAsync(new RunQuery(Limit: 100), Token)).Select(run => run.RunId).Order(StringComparer.Ordinal));
        var records = (await store.ReadAuditRecordsAsync(new AuditQuery(), Token)).Select(AuditJson.Deserialize).ToList();
        Assert.Equal(["late", "new", "purge-1"], records.Select(record => record.RunId).Order(StringComparer.Ordinal));
        var recorded = Assert.Single(records, record => record.Kind == AuditKinds.Purge);
        Assert.Equal(purge, recorded.Purge);

        var report = await AuditChain.VerifyAsync(store, Token);
        Assert.True(report.Intact, string.Join("; ", report.Problems));
        Assert.Equal(3, report.Chained);
    }

    private static RunStart Start(string runId, string job = "nightly", string node = "node-a", DateTimeOffset? at = null) =>
        new(runId, job, "schedule", node, at ?? Noon, at ?? Noon, "staging");

    private static RunEnd End(string runId, RunOutcome outcome = RunOutcome.Succeeded, string? error = null, params TableRows[] tables) =>
        new(runId, outcome, Noon.AddMinutes(3), outcome == RunOutcome.Succeeded ? 0 : 8, error, tables);

    private static async Task<RunHistoryEntry> ReadRunAsync(IHistoryStore store, string runId) =>
        Assert.Single(await store.ReadRunsAsync(new RunQuery(Limit: 1000), Token), run => run.RunId == runId);

    [Fact]
    public async Task A_run_reads_back_as_running_then_with_everything_its_end_recorded()
    {
        var store = await NewStoreAsync();
        var scheduled = Noon.AddSeconds(-1);
        await store.StartRunAsync(new RunStart("r1", "nightly", "trigger command by ann@ops1", "node-a", Noon.AddMilliseconds(250), scheduled, "staging"), Token);

        Assert.Equal(
            new RunHistoryEntry("r1", "nightly", "trigger command by ann@ops1", "node-a", Noon.AddMilliseconds(250), scheduled, "staging", RunOutcome.Running, null, null, null, []),
            await ReadRunAsync(store, "r1"),
            RunComparer.Instance);

        await store.FinishRunAsync(new RunEnd("r1", RunOutcome.TimedOut, Noon.AddMinutes(5), 130, "ran longer than its timeout of 5 minutes.", [new("public.customers", 1200), new("public.orders", 0)]), Token);

        var run = await ReadRunAsync(store, "r1");
        Assert.Equal(
            new RunHistoryEntry("r1", "nightly", "trigger command by ann@ops1", "node-a", Noon.AddMilliseconds(250), scheduled, "staging", RunOutcome.TimedOut, Noon.AddMinutes(5), 130,
                "ran longer than its timeout of 5 minutes.", [new("public.customers", 1200), new("public.orders", 0)])
            {
                BytesCopied = 0,
            },
            run,
            RunComparer.Instance);
        Assert.Equal(1200, run.TotalRows);
    }

    [Fact]
    public async Task A_running_runs_progress_is_replaced_as_it_reports_and_gives_way_to_its_end_with_the_bytes_copied()
    {
        var store = await NewStoreAsync();
        await store.StartRunAsync(new RunStart("r1", "nightly", "schedule", "node-a", Noon, null, "staging"), Token);
        Assert.Null((await ReadRunAsync(store, "r1")).Progress);

        await store.ReportProgressAsync("r1", new RunProgressReport("data", 1, 3, 500, 4000, 65_536, Noon.AddSeconds(2)), Token);
        await store.ReportProgressAsync("r1", new RunProgressReport("data", 2, 3, 2500, 4000, 327_680, Noon.AddSeconds(4)), Token);
        Assert.Equal(new RunProgressReport("data", 2, 3, 2500, 4000, 327_680, Noon.AddSeconds(4)), (await ReadRunAsync(store, "r1")).Progress);
        Assert.Equal(2500, (await store.LatestRunPerJobAsync(Token))["nightly"].Progress?.RowsCopied);

        await store.FinishRunAsync(new RunEnd("r1", RunOutcome.Succeeded, Noon.AddSeconds(5), 0, null, [new("main.customers", 4000)]) { BytesCopied = 524_288 }, Token);
        // A report that arrives after the end (the writer's last tick) does not bring the progress back.
        await store.ReportProgressAsync("r1", new RunProgressReport("data", 3, 3, 4000, 4000, 524_288, Noon.AddSeconds(6)), Token);
        var ended = await ReadRunAsync(store, "r1");
        Assert.Null(ended.Progress);
        Assert.Equal(524_288, ended.BytesCopied);
    }

    [Fact]
    public async Task Runs_are_filtered_by_job_outcome_and_start_summarized_per_outcome_and_audit_records_read_by_run()
    {
        var store = await NewStoreAsync();
        foreach (var (runId, job, started, outcome, exitCode) in new[]
        {
            ("a", "nightly", Noon, RunOutcome.Succeeded, 0), ("b", "nightly", Noon.AddDays(1), RunOutcome.Failed, 11),
            ("c", "nightly", Noon.AddDays(2), RunOutcome.Succeeded, 0), ("d", "weekly", Noon.AddDays(3), RunOutcome.Failed, 8),
        })
        {
            await store.StartRunAsync(new RunStart(runId, job, "schedule", "node-a", started, null, "staging"), Token);
            await store.FinishRunAsync(new RunEnd(runId, outcome, started.AddMinutes(2), exitCode, null, []), Token);
            await store.AddAuditRecordAsync(AuditRecordOf(runId, started.AddMinutes(2)), Token);
        }

        async Task<string> RunIdsAsync(RunQuery query) => string.Concat((await store.ReadRunsAsync(query, Token)).Select(run => run.RunId));
        Assert.Equal("dcba", await RunIdsAsync(new RunQuery()));
        Assert.Equal("db", await RunIdsAsync(new RunQuery(Outcome: RunOutcome.Failed)));
        Assert.Equal("ca", await RunIdsAsync(new RunQuery(Job: "nightly", Outcome: RunOutcome.Succeeded)));
        Assert.Equal("dc", await RunIdsAsync(new RunQuery(Since: Noon.AddDays(2))));
        Assert.Equal("b", await RunIdsAsync(new RunQuery(RunId: "b")));

        Assert.Equal(
            [new RunSummary("nightly", RunOutcome.Failed, 11, 1, Noon.AddDays(1).AddMinutes(2)), new RunSummary("nightly", RunOutcome.Succeeded, 0, 2, Noon.AddDays(2).AddMinutes(2)),
                new RunSummary("weekly", RunOutcome.Failed, 8, 1, Noon.AddDays(3).AddMinutes(2))],
            (await store.SummarizeRunsAsync(Token)).OrderBy(summary => summary.Job, StringComparer.Ordinal).ThenBy(summary => summary.Outcome.ToText(), StringComparer.Ordinal));

        var record = Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(RunId: "b"), Token));
        Assert.Equal("b", AuditJson.Deserialize(record).RunId);
    }

    [Fact]
    public async Task Every_outcome_and_a_run_without_schedule_or_target_round_trip()
    {
        var store = await NewStoreAsync();
        foreach (var outcome in Enum.GetValues<RunOutcome>().Where(outcome => outcome != RunOutcome.Running))
        {
            var runId = outcome.ToText();
            await store.StartRunAsync(new RunStart(runId, "manual", "run command", "host1", Noon, null, null), Token);
            await store.FinishRunAsync(End(runId, outcome), Token);
            var run = await ReadRunAsync(store, runId);
            Assert.Equal((outcome, (DateTimeOffset?)null, (string?)null), (run.Outcome, run.ScheduledFor, run.Target));
        }
    }

    [Fact]
    public async Task Finishing_a_run_that_never_started_is_refused_with_a_sentence_naming_it()
    {
        var store = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.FinishRunAsync(End("no-such-run"), Token));

        Assert.Contains("Cannot finish run no-such-run", error.Message, StringComparison.Ordinal);
        Assert.Contains(store.Location, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_read_newest_first_at_most_the_limit_and_of_one_job()
    {
        var store = await NewStoreAsync();
        for (var hour = 0; hour < 5; hour++)
        {
            await store.StartRunAsync(Start($"n{hour}", "nightly", at: Noon.AddHours(hour)), Token);
            await store.StartRunAsync(Start($"w{hour}", "weekly", at: Noon.AddHours(hour).AddMinutes(30)), Token);
        }

        static string[] Ids(IReadOnlyList<RunHistoryEntry> runs) => [.. runs.Select(run => run.RunId)];
        Assert.Equal(["w4", "n4", "w3", "n3", "w2", "n2", "w1", "n1", "w0", "n0"], Ids(await store.ReadRunsAsync(new RunQuery(), Token)));
        Assert.Equal(["w4", "n4", "w3"], Ids(await store.ReadRunsAsync(new RunQuery(Limit: 3), Token)));
        Assert.Equal(["n4", "n3"], Ids(await store.ReadRunsAsync(new RunQuery("nightly", 2), Token)));
        Assert.Empty(await store.ReadRunsAsync(new RunQuery("never-ran"), Token));
    }

    [Fact]
    public async Task The_latest_run_of_each_job_is_its_newest_whether_ended_or_running()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.LatestRunPerJobAsync(Token));
        await store.StartRunAsync(Start("n-old", at: Noon), Token);
        await store.FinishRunAsync(End("n-old", RunOutcome.Failed, "boom."), Token);
        await store.StartRunAsync(Start("n-new", at: Noon.AddDays(1)), Token);
        await store.StartRunAsync(Start("w-only", "weekly", at: Noon.AddHours(-5)), Token);
        await store.FinishRunAsync(End("w-only"), Token);

        var latest = await store.LatestRunPerJobAsync(Token);

        Assert.Equal(["nightly", "weekly"], latest.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("n-new", RunOutcome.Running), (latest["nightly"].RunId, latest["nightly"].Outcome));
        Assert.Equal(("w-only", RunOutcome.Succeeded), (latest["weekly"].RunId, latest["weekly"].Outcome));
    }

    [Fact]
    public async Task Marking_interrupted_ends_only_running_rows_of_that_job_started_by_other_scheduler_nodes()
    {
        var store = await NewStoreAsync();
        await store.HeartbeatAsync("node-a", Noon.AddHours(-1), Noon, "1.0", Token);
        await store.HeartbeatAsync("node-b", Noon.AddHours(-1), Noon, "1.0", Token);
        await store.StartRunAsync(Start("by-hand", node: "ops-laptop"), Token);
        await store.StartRunAsync(Start("mine", node: "node-a"), Token);
        await store.StartRunAsync(Start("theirs", node: "node-b"), Token);
        await store.StartRunAsync(Start("theirs-other-job", "weekly", node: "node-b"), Token);
        await store.StartRunAsync(Start("theirs-ended", node: "node-b"), Token);
        await store.FinishRunAsync(End("theirs-ended", RunOutcome.Failed, "boom."), Token);

        var marked = await store.MarkInterruptedAsync("nightly", "node-a", "node-b stopped; recovered by node-a.", Noon.AddHours(1), Token);

        Assert.Equal(1, marked);
        var theirs = await ReadRunAsync(store, "theirs");
        Assert.Equal((RunOutcome.Interrupted, Noon.AddHours(1), "node-b stopped; recovered by node-a.", (int?)null), (theirs.Outcome, theirs.EndedAt!.Value, theirs.Error, theirs.ExitCode));
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "mine")).Outcome);
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "theirs-other-job")).Outcome);

        // A `run` command of the same job (its process never beats) is alive as far as anyone knows.
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "by-hand")).Outcome);
        var ended = await ReadRunAsync(store, "theirs-ended");
        Assert.Equal((RunOutcome.Failed, "boom."), (ended.Outcome, ended.Error));

        // The process was only slow, not dead: its own end replaces the mark.
        await store.FinishRunAsync(End("theirs"), Token);
        var finished = await ReadRunAsync(store, "theirs");
        Assert.Equal((RunOutcome.Succeeded, (string?)null, (int?)0), (finished.Outcome, finished.Error, finished.ExitCode));
    }

    [Fact]
    public async Task Marking_abandoned_ends_running_rows_of_nodes_silent_since_then_and_leaves_nodes_that_never_beat_alone()
    {
        var store = await NewStoreAsync();
        await store.HeartbeatAsync("alive", Noon.AddHours(-1), Noon, "1.0", Token);
        await store.HeartbeatAsync("silent", Noon.AddHours(-1), Noon.AddMinutes(-10), "1.0", Token);
        await store.StartRunAsync(Start("on-alive", node: "alive"), Token);
        await store.StartRunAsync(Start("on-silent", node: "silent"), Token);
        await store.StartRunAsync(Start("on-unknown", "weekly", node: "a-run-command"), Token);
        await store.StartRunAsync(Start("ended-on-silent", node: "silent"), Token);
        await store.FinishRunAsync(End("ended-on-silent"), Token);

        var marked = await store.MarkAbandonedAsync(Noon.AddMinutes(-1), "its node stopped reporting.", Noon.AddMinutes(1), Token);

        Assert.Equal(1, marked);
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "on-alive")).Outcome);
        Assert.Equal(RunOutcome.Succeeded, (await ReadRunAsync(store, "ended-on-silent")).Outcome);
        var run = await ReadRunAsync(store, "on-silent");
        Assert.Equal((RunOutcome.Interrupted, Noon.AddMinutes(1), "its node stopped reporting."), (run.Outcome, run.EndedAt!.Value, run.Error));

        // A `run` command's process never beats: its run is still going as far as anyone can tell.
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "on-unknown")).Outcome);
    }

    [Fact]
    public async Task Marking_abandoned_ends_the_running_rows_of_a_node_that_restarted_under_the_same_name()
    {
        var store = await NewStoreAsync();
        await store.HeartbeatAsync("refresh-1", Noon.AddHours(-2), Noon.AddMinutes(-1), "1.0", Token);
        await store.StartRunAsync(Start("before-restart", node: "refresh-1", at: Noon.AddHours(-1)), Token);

        // systemd restarted it: beating again at once, so it never looked silent.
        await store.HeartbeatAsync("refresh-1", Noon, Noon, "1.0", Token);
        await store.StartRunAsync(Start("after-restart", node: "refresh-1", at: Noon.AddSeconds(5)), Token);

        Assert.Equal(1, await store.MarkAbandonedAsync(Noon.AddMinutes(-5), "its node restarted.", Noon.AddMinutes(1), Token));
        Assert.Equal(RunOutcome.Interrupted, (await ReadRunAsync(store, "before-restart")).Outcome);
        Assert.Equal(RunOutcome.Running, (await ReadRunAsync(store, "after-restart")).Outcome);
    }

    [Fact]
    public async Task A_heartbeat_inserts_a_node_the_first_time_and_updates_it_afterwards()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ReadNodesAsync(Token));

        await store.HeartbeatAsync("node-b", Noon, Noon, "1.0", Token);
        await store.HeartbeatAsync("node-a", Noon, Noon.AddSeconds(1), "1.0", Token);
        await store.HeartbeatAsync("node-a", Noon.AddMinutes(5), Noon.AddMinutes(6), "1.1", Token);

        Assert.Equal(
            [new SchedulerNode("node-a", Noon.AddMinutes(5), Noon.AddMinutes(6), "1.1"), new SchedulerNode("node-b", Noon, Noon, "1.0")],
            await store.ReadNodesAsync(Token));
    }

    [Fact]
    public async Task Each_trigger_request_is_claimed_exactly_once_while_two_nodes_poll_at_once()
    {
        var store = await NewStoreAsync();
        Assert.Empty(await store.ClaimTriggerRequestsAsync("node-a", Noon, Token));

        var requested = new List<long>();
        var producer = Task.Run(async () =>
        {
            for (var index = 0; index < 50; index++)
            {
                requested.Add(await store.RequestTriggerAsync($"job-{index % 3}", "ann@ops1", Noon.AddSeconds(index), Token));
            }
        }, Token);

        async Task<List<TriggerRequest>> ClaimUntilDoneAsync(string node)
        {
            var claimed = new List<TriggerRequest>();
            while (true)
            {
                var last = producer.IsCompleted;
                var batch = await store.ClaimTriggerRequestsAsync(node, Noon, Token);
                Assert.Equal(batch.Select(request => request.Id).Order(), batch.Select(request => request.Id));
                claimed.AddRange(batch);
                if (last)
                {
                    return claimed;
                }
            }
        }

        var claimers = await Task.WhenAll(Task.Run(() => ClaimUntilDoneAsync("node-a"), Token), Task.Run(() => ClaimUntilDoneAsync("node-b"), Token));
        await producer;

        var ids = claimers.SelectMany(claimed => claimed).Select(request => request.Id).ToList();
        Assert.Equal(50, requested.Distinct().Count());
        Assert.Equal(requested.Order(), ids.Order());
        var first = claimers.SelectMany(claimed => claimed).Single(request => request.Id == requested[4]);
        Assert.Equal(("job-1", "ann@ops1", Noon.AddSeconds(4)), (first.Job, first.RequestedBy, first.RequestedAt));
        Assert.Empty(await store.ClaimTriggerRequestsAsync("node-c", Noon, Token));
    }

    [Fact]
    public async Task Requests_are_read_back_since_a_time_with_the_node_that_claimed_them()
    {
        var store = await NewStoreAsync();
        var old = await store.RequestTriggerAsync("nightly", "ann@ops1", Noon.AddHours(-2), Token);
        var first = await store.RequestTriggerAsync("dev-snapshot", "snapshot for dev by console:dev", Noon, Token);
        await store.ClaimTriggerRequestsAsync("node-a", Noon.AddSeconds(3), Token);
        var second = await store.RequestTriggerAsync("nightly", "console:dana", Noon.AddSeconds(5), Token);

        var requests = await store.ReadTriggerRequestsAsync(Noon.AddHours(-1), Token);

        Assert.Equal(
            [
                new TriggerRequest(first, "dev-snapshot", "snapshot for dev by console:dev", Noon, "node-a", Noon.AddSeconds(3)),
                new TriggerRequest(second, "nightly", "console:dana", Noon.AddSeconds(5)),
            ],
            requests);
        Assert.Equal(3, (await store.ReadTriggerRequestsAsync(Noon.AddHours(-2), Token)).Count);
        Assert.Equal(old, (await store.ReadTriggerRequestsAsync(Noon.AddHours(-2), Token))[0].Id);

        // The run a claimed request starts names it, so the console can follow a request into its run.
        Assert.Equal($"request {first} by snapshot for dev by console:dev", requests[0].RunReason);
        Assert.Equal(first, TriggerRequest.IdIn(requests[0].RunReason + ", retry 1 of 3"));
        Assert.Null(TriggerRequest.IdIn("schedule"));
        Assert.Null(TriggerRequest.IdIn("request by ann"));
    }

    [Fact]
    public async Task A_drift_check_replaces_its_jobs_last_unless_that_one_covers_the_same_firing_and_rules()
    {
        var store = await NewStoreAsync();
        var tonight = Noon.AddHours(15);
        var found = new DriftCheck("nightly", tonight, "basis-1", "node-a", Noon, ["rules/crm.yaml:4:7: column crm.customers.email is gone."]);

        Assert.True(await store.SaveDriftCheckAsync(found, Token));
        // Another node checked the same firing with the same rules: not saved, so it does not alert a second time.
        Assert.False(await store.SaveDriftCheckAsync(found with { Node = "node-b", CheckedAt = Noon.AddSeconds(1), Problems = [] }, Token));
        Assert.True(await store.SaveDriftCheckAsync(new DriftCheck("weekly", tonight, "basis-9", "node-b", Noon, []), Token));
        var saved = await store.ReadDriftChecksAsync(Token);
        Assert.Equal(["nightly", "weekly"], saved.Select(check => check.Job));
        Assert.Equal((tonight, "basis-1", "node-a", Noon), (saved[0].FiringAt, saved[0].Basis, saved[0].Node, saved[0].CheckedAt));
        Assert.Equal(found.Problems, saved[0].Problems);

        // The rules changed (a new basis), then the next night: each replaces the job's row.
        Assert.True(await store.SaveDriftCheckAsync(found with { Basis = "basis-2", CheckedAt = Noon.AddHours(1), Problems = [] }, Token));
        Assert.True((await store.ReadDriftChecksAsync(Token))[0].Passed);
        Assert.True(await store.SaveDriftCheckAsync(found with { Basis = "basis-2", FiringAt = tonight.AddDays(1), CheckedAt = Noon.AddDays(1) }, Token));
        var latest = (await store.ReadDriftChecksAsync(Token))[0];
        Assert.Equal((tonight.AddDays(1), "basis-2", 1), (latest.FiringAt, latest.Basis, latest.Problems.Count));
        Assert.Equal(2, (await store.ReadDriftChecksAsync(Token)).Count);
    }

    [Fact]
    public async Task Audit_records_are_kept_as_written_and_read_back_filtered_oldest_first()
    {
        var store = await NewStoreAsync();
        foreach (var (runId, job, started) in new[] { ("b", "nightly", Noon), ("a", "nightly", Noon.AddHours(-1)), ("c", "weekly", Noon.AddHours(1)) })
        {
            var record = new AuditRecord
            {
                RunId = runId,
                Job = job,
                JobFile = $"jobs/{job}.yaml",
                Outcome = AuditOutcome.Succeeded,
                ExitCode = 0,
                RanBy = new AuditHost("u", "m", 1, "1.0"),
                StartedAt = started,
                EndedAt = started.AddSeconds(3),
            };
            await store.AddAuditRecordAsync(record, Token);
        }

        static string[] RunIds(IReadOnlyList<string> records) => [.. records.Select(json => AuditJson.Deserialize(json).RunId)];
        Assert.Equal(["a", "b", "c"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(), Token)));
        Assert.Equal(["b", "c"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(Since: Noon), Token)));
        Assert.Equal(["a", "b"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(Job: "nightly"), Token)));
    }

    /// <summary>Runs equal field by field and tables by value (DateTimeOffset equality already compares instants).</summary>
    private sealed class RunComparer : IEqualityComparer<RunHistoryEntry>
    {
        public static readonly RunComparer Instance = new();

        public bool Equals(RunHistoryEntry? x, RunHistoryEntry? y) =>
            x is not null && y is not null && x with { Tables = [] } == y with { Tables = [] } && x.Tables.SequenceEqual(y.Tables);

        public int GetHashCode(RunHistoryEntry obj) => obj.RunId.GetHashCode(StringComparison.Ordinal);
    }
}
