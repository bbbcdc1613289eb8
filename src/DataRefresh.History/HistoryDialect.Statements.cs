namespace DataRefresh.History;

/// <summary>
/// The store's statements, written once from the dialect's names. Parameters are named with <c>@</c>, which every engine
/// the store supports reads. An engine overrides a statement only where its SQL differs in shape.
/// </summary>
internal abstract partial class HistoryDialect
{
    public virtual string ReadSchemaVersion => $"SELECT max(version) FROM {Table("schema_version")}";

    public virtual string AddSchemaVersion => $"INSERT INTO {Table("schema_version")} (version) VALUES (@version)";

    public virtual string AddAuditRecord => $"""
        INSERT INTO {Table("audit_records")} (run_id, job, job_file, {Time("started_at")}, {Time("ended_at")}, outcome, exit_code, record, previous_hash, record_hash)
        VALUES (@run_id, @job, @job_file, @started, @ended, @outcome, @exit_code, @record, @previous_hash, @record_hash)
        """;

    /// <summary>The audit chain's ends: anchor, head (one row).</summary>
    public virtual string ReadAuditChain => $"SELECT anchor, head FROM {Table("audit_chain")} WHERE id = 1";

    /// <summary>Moves the head from @previous to @head; no row changes when another writer moved it first (the append is retried).</summary>
    public virtual string MoveAuditChainHead => $"UPDATE {Table("audit_chain")} SET head = @head WHERE id = 1 AND head = @previous";

    public virtual string SetAuditChainAnchor => $"UPDATE {Table("audit_chain")} SET anchor = @anchor WHERE id = 1";

    /// <summary>Every audit record in the order it was added: run_id, record, record_hash.</summary>
    public virtual string ReadAuditRecordsInChainOrder => $"SELECT run_id, record, record_hash FROM {Table("audit_records")} ORDER BY {AuditInsertionOrder}";

    /// <summary>The first audit record (in the order added) of a run that ended at or after @before: where a purge stops.</summary>
    public virtual string FirstAuditRecordEndedSince =>
        $"SELECT min({AuditInsertionOrder}) FROM {Table("audit_records")} WHERE {Time("ended_at")} >= @before";

    /// <summary>Removes the audit records added before @boundary (all when it is null): always a prefix of the chain.</summary>
    public virtual string PurgeAuditRecords =>
        $"DELETE FROM {Table("audit_records")} WHERE @boundary IS NULL OR {AuditInsertionOrder} < @boundary";

    /// <summary>The link of the oldest chained record left: the chain's new anchor (no row when none is left).</summary>
    public virtual string OldestChainLink => $"""
        SELECT previous_hash FROM {Table("audit_records")}
        WHERE {AuditInsertionOrder} = (SELECT min({AuditInsertionOrder}) FROM {Table("audit_records")} WHERE record_hash IS NOT NULL)
        """;

    /// <summary>Removes the history rows of runs that ended before @before (running rows have no end and stay).</summary>
    public virtual string PurgeRuns => $"DELETE FROM {Table("runs")} WHERE {Time("ended_at")} < @before";

    public virtual string ReadAuditRecords => $"""
        SELECT record FROM {Table("audit_records")}
        WHERE (@since IS NULL OR {Time("started_at")} >= @since) AND (@job IS NULL OR job = @job) AND (@run_id IS NULL OR run_id = @run_id)
        ORDER BY {Time("started_at")}, {AuditInsertionOrder}
        """;

    /// <summary>The columns <see cref="HistoryStore"/> reads a run from, in its order.</summary>
    public virtual string RunColumns =>
        $"""run_id, job, "trigger", node, {Time("started_at")}, {Time("scheduled_for")}, target, outcome, {Time("ended_at")}, exit_code, error, {JsonAsText("tables")}, progress, bytes_copied""";

    public virtual string StartRun => $"""
        INSERT INTO {Table("runs")} (run_id, job, "trigger", node, {Time("started_at")}, {Time("scheduled_for")}, target, outcome)
        VALUES (@run_id, @job, @trigger, @node, @started, @scheduled, @target, @outcome)
        """;

    public virtual string FinishRun => $"""
        UPDATE {Table("runs")}
        SET outcome = @outcome, {Time("ended_at")} = @ended, exit_code = @exit_code, error = @error, tables = {TextAsJson("@tables")}, progress = NULL, bytes_copied = @bytes
        WHERE run_id = @run_id
        """;

    /// <summary>Only while the row says running: a late report must not bring back progress on a run that has ended.</summary>
    public virtual string ReportProgress => $"UPDATE {Table("runs")} SET progress = @progress WHERE run_id = @run_id AND outcome = @running";

    /// <summary>The filters of a <see cref="Core.History.RunQuery"/>: @job, @outcome, @since, @run_id, each null for any.</summary>
    protected string RunFilter =>
        $"(@job IS NULL OR job = @job) AND (@outcome IS NULL OR outcome = @outcome) AND (@since IS NULL OR {Time("started_at")} >= @since) AND (@run_id IS NULL OR run_id = @run_id)";

    public virtual string ReadRuns =>
        $"SELECT {RunColumns} FROM {Table("runs")} WHERE {RunFilter} ORDER BY {Time("started_at")} DESC, run_id DESC LIMIT @limit";

    /// <summary>job, outcome, exit_code, how many, the last end.</summary>
    public virtual string SummarizeRuns =>
        $"SELECT job, outcome, exit_code, count(*), max({Time("ended_at")}) FROM {Table("runs")} GROUP BY job, outcome, exit_code ORDER BY job, outcome, exit_code";

    public virtual string LatestRunPerJob => $"""
        SELECT {RunColumns} FROM (
            SELECT *, row_number() OVER (PARTITION BY job ORDER BY {Time("started_at")} DESC, run_id DESC) AS newest FROM {Table("runs")}) AS numbered
        WHERE newest = 1
        """;

    public virtual string MarkInterrupted => $"""
        UPDATE {Table("runs")} SET outcome = @interrupted, {Time("ended_at")} = @at, error = @reason
        WHERE outcome = @running AND job = @job AND node <> @node
          AND EXISTS (SELECT 1 FROM {Table("scheduler_nodes")} n WHERE n.node = runs.node)
        """;

    // Only scheduler nodes beat: a `run` command's process never does, and its running row must not be taken for abandoned.
    // A node that restarted under the same name (started after the run did) cannot still be running it.
    public virtual string MarkAbandoned => $"""
        UPDATE {Table("runs")} SET outcome = @interrupted, {Time("ended_at")} = @at, error = @reason
        WHERE outcome = @running
          AND EXISTS (SELECT 1 FROM {Table("scheduler_nodes")} n
                      WHERE n.node = runs.node AND (n.{Time("last_seen")} < @silent_since OR n.{Time("started_at")} > runs.{Time("started_at")}))
        """;

    public virtual string Heartbeat => $"""
        INSERT INTO {Table("scheduler_nodes")} (node, {Time("started_at")}, {Time("last_seen")}, version) VALUES (@node, @started, @seen, @version)
        ON CONFLICT (node) DO UPDATE
        SET {Time("started_at")} = excluded.{Time("started_at")}, {Time("last_seen")} = excluded.{Time("last_seen")}, version = excluded.version
        """;

    public virtual string ReadNodes => $"SELECT node, {Time("started_at")}, {Time("last_seen")}, version FROM {Table("scheduler_nodes")} ORDER BY node";

    public virtual string RequestTrigger =>
        $"INSERT INTO {Table("trigger_requests")} (job, requested_by, {Time("requested_at")}) VALUES (@job, @by, @at) RETURNING id";

    /// <summary>Requests no node has claimed yet: id, job, requested_by, requested_at, oldest first.</summary>
    public virtual string PendingTriggerRequests =>
        $"SELECT id, job, requested_by, {Time("requested_at")} FROM {Table("trigger_requests")} WHERE claimed_by IS NULL ORDER BY id";

    /// <summary>Requests made at or after @since: id, job, requested_by, requested_at, claimed_by, claimed_at, oldest first.</summary>
    public virtual string TriggerRequestsSince =>
        $"SELECT id, job, requested_by, {Time("requested_at")}, claimed_by, {Time("claimed_at")} FROM {Table("trigger_requests")} WHERE {Time("requested_at")} >= @since ORDER BY id";

    /// <summary>
    /// Claims every unclaimed request, returning id, job, requested_by and requested_at. The store runs it in a
    /// transaction; this default is exclusive only where beginning one takes the write lock before reading.
    /// </summary>
    public virtual string ClaimTriggerRequests => $"""
        UPDATE {Table("trigger_requests")} SET claimed_by = @node, {Time("claimed_at")} = @at WHERE claimed_by IS NULL
        RETURNING id, job, requested_by, {Time("requested_at")}
        """;

    public virtual string SaveAccount => $"""
        INSERT INTO {Table("console_accounts")} (name, password_hash, roles, {Time("created_at")}) VALUES (@name, @hash, @roles, @created)
        ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, roles = excluded.roles
        """;

    /// <summary>Accounts: name, password_hash, roles, created_at; with @name one, with null every one, by name.</summary>
    public virtual string ReadAccounts =>
        $"SELECT name, password_hash, roles, {Time("created_at")} FROM {Table("console_accounts")} WHERE @name IS NULL OR name = @name ORDER BY name";

    public virtual string RemoveAccount => $"DELETE FROM {Table("console_accounts")} WHERE name = @name";

    public virtual string SaveApproval => $"""
        INSERT INTO {Table("rule_approvals")} (id, environment, {Time("approved_at")}, reviewer, comment, version)
        VALUES (@id, @environment, @approved, @reviewer, @comment, @version)
        """;

    /// <summary>An environment's approvals, newest first: id, environment, approved_at, reviewer, comment, version.</summary>
    public virtual string ReadApprovals => $"""
        SELECT id, environment, {Time("approved_at")}, reviewer, comment, version FROM {Table("rule_approvals")}
        WHERE environment = @environment ORDER BY {Time("approved_at")} DESC, id DESC
        """;

    public virtual string SaveSourceSchema => $"""
        INSERT INTO {Table("source_schemas")} (environment, {Time("read_at")}, run_id, schema_json) VALUES (@environment, @read, @run_id, @schema)
        ON CONFLICT (environment) DO UPDATE SET {Time("read_at")} = excluded.{Time("read_at")}, run_id = excluded.run_id, schema_json = excluded.schema_json
        """;

    /// <summary>environment, read_at, run_id, schema_json.</summary>
    public virtual string FindSourceSchema =>
        $"SELECT environment, {Time("read_at")}, run_id, schema_json FROM {Table("source_schemas")} WHERE environment = @environment";

    public virtual string SaveScan => $"""
        INSERT INTO {Table("scans")} (environment, {Time("scanned_at")}, sample_rows, findings) VALUES (@environment, @scanned, @sample, @findings)
        ON CONFLICT (environment) DO UPDATE SET {Time("scanned_at")} = excluded.{Time("scanned_at")}, sample_rows = excluded.sample_rows, findings = excluded.findings
        """;

    /// <summary>environment, scanned_at, sample_rows, findings.</summary>
    public virtual string FindScan =>
        $"SELECT environment, {Time("scanned_at")}, sample_rows, findings FROM {Table("scans")} WHERE environment = @environment";

    /// <summary>
    /// A drift check becomes the job's latest unless that row already holds the same firing and basis (another node
    /// checked the same thing first): one row changes, or none.
    /// </summary>
    public virtual string SaveDriftCheck => $"""
        INSERT INTO {Table("drift_checks")} AS latest (job, {Time("firing_at")}, basis, node, {Time("checked_at")}, problems)
        VALUES (@job, @firing, @basis, @node, @checked, @problems)
        ON CONFLICT (job) DO UPDATE SET {Time("firing_at")} = excluded.{Time("firing_at")}, basis = excluded.basis, node = excluded.node,
            {Time("checked_at")} = excluded.{Time("checked_at")}, problems = excluded.problems
        WHERE latest.{Time("firing_at")} <> excluded.{Time("firing_at")} OR latest.basis <> excluded.basis
        """;

    /// <summary>job, firing_at, basis, node, checked_at, problems; one row per job.</summary>
    public virtual string ReadDriftChecks =>
        $"SELECT job, {Time("firing_at")}, basis, node, {Time("checked_at")}, problems FROM {Table("drift_checks")} ORDER BY job";
}
