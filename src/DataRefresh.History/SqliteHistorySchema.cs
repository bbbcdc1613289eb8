namespace DataRefresh.History;

/// <summary>
/// The history store's schema in SQLite, as numbered migrations that <see cref="HistorySchema"/> applies in order on first
/// use. Instants are unix milliseconds in columns named <c>_ms</c>.
/// </summary>
internal static class SqliteHistorySchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: audit records.
        """
        CREATE TABLE audit_records (
            run_id          TEXT    NOT NULL PRIMARY KEY,
            job             TEXT,
            job_file        TEXT    NOT NULL,
            started_at_ms   INTEGER NOT NULL,
            ended_at_ms     INTEGER NOT NULL,
            outcome         TEXT    NOT NULL,
            exit_code       INTEGER NOT NULL,
            record          TEXT    NOT NULL
        );
        CREATE INDEX audit_records_started ON audit_records (started_at_ms);
        """,
        // 2: run history. A row is written when a run starts, so a run whose process died is still listed (as running,
        // until a live node marks it interrupted). Times are unix milliseconds; outcomes lower-case kebab (RunOutcomeText).
        """
        CREATE TABLE runs (
            run_id            TEXT    NOT NULL PRIMARY KEY,
            job               TEXT    NOT NULL,
            "trigger"         TEXT    NOT NULL,
            node              TEXT    NOT NULL,
            started_at_ms     INTEGER NOT NULL,
            scheduled_for_ms  INTEGER,
            target            TEXT,
            outcome           TEXT    NOT NULL,
            ended_at_ms       INTEGER,
            exit_code         INTEGER,
            error             TEXT,
            tables            TEXT    NOT NULL DEFAULT '[]'
        );
        CREATE INDEX runs_started ON runs (started_at_ms);
        CREATE INDEX runs_job_started ON runs (job, started_at_ms);
        CREATE INDEX runs_running ON runs (node) WHERE outcome = 'running';
        CREATE TABLE scheduler_nodes (
            node              TEXT    NOT NULL PRIMARY KEY,
            started_at_ms     INTEGER NOT NULL,
            last_seen_ms      INTEGER NOT NULL,
            version           TEXT    NOT NULL
        );
        CREATE TABLE trigger_requests (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            job               TEXT    NOT NULL,
            requested_by      TEXT    NOT NULL,
            requested_at_ms   INTEGER NOT NULL,
            claimed_by        TEXT,
            claimed_at_ms     INTEGER
        );
        CREATE INDEX trigger_requests_unclaimed ON trigger_requests (id) WHERE claimed_by IS NULL;
        """,
        // 3: the audit records' hash chain (AuditChain): each record's hash and its link, and the chain's two ends.
        """
        ALTER TABLE audit_records ADD COLUMN previous_hash TEXT;
        ALTER TABLE audit_records ADD COLUMN record_hash TEXT;
        CREATE TABLE audit_chain (
            id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            anchor  TEXT    NOT NULL,
            head    TEXT    NOT NULL
        );
        INSERT INTO audit_chain (id, anchor, head) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000', '0000000000000000000000000000000000000000000000000000000000000000');
        """,
        // 4: the web console's local accounts (roles comma-separated, in ConsoleRoles' order).
        """
        CREATE TABLE console_accounts (
            name            TEXT    NOT NULL PRIMARY KEY,
            password_hash   TEXT    NOT NULL,
            roles           TEXT    NOT NULL,
            created_at_ms   INTEGER NOT NULL
        );
        """,
        // 5: rule review: approvals (the approved files as JSON, never purged) and each environment's latest schema.
        """
        CREATE TABLE rule_approvals (
            id              TEXT    NOT NULL PRIMARY KEY,
            environment     TEXT    NOT NULL,
            approved_at_ms  INTEGER NOT NULL,
            reviewer        TEXT    NOT NULL,
            comment         TEXT    NOT NULL,
            version         TEXT    NOT NULL
        );
        CREATE INDEX rule_approvals_environment ON rule_approvals (environment, approved_at_ms);
        CREATE TABLE source_schemas (
            environment     TEXT    NOT NULL PRIMARY KEY,
            read_at_ms      INTEGER NOT NULL,
            run_id          TEXT    NOT NULL,
            schema_json     TEXT    NOT NULL
        );
        """,
        // 6: drift checks before the night: the latest check of each scheduled job's rules against its source.
        """
        CREATE TABLE drift_checks (
            job             TEXT    NOT NULL PRIMARY KEY,
            firing_at_ms    INTEGER NOT NULL,
            basis           TEXT    NOT NULL,
            node            TEXT    NOT NULL,
            checked_at_ms   INTEGER NOT NULL,
            problems        TEXT    NOT NULL
        );
        """,
        // 7: live progress of running runs (JSON, replaced every few seconds) and the bytes each run copied.
        """
        ALTER TABLE runs ADD COLUMN progress TEXT;
        ALTER TABLE runs ADD COLUMN bytes_copied INTEGER;
        """,
        // 8: each environment's latest scan: the columns it flagged and why (names and evidence, never a value).
        """
        CREATE TABLE scans (
            environment     TEXT    NOT NULL PRIMARY KEY,
            scanned_at_ms   INTEGER NOT NULL,
            sample_rows     INTEGER NOT NULL,
            findings        TEXT    NOT NULL
        );
        """,
    ];
}
