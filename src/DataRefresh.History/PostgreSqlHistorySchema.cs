namespace DataRefresh.History;

/// <summary>
/// The history store's schema in PostgreSQL: schema <c>datarefresh</c>, numbered migrations like
/// <see cref="SqliteHistorySchema"/>'s (same numbers, same tables, PostgreSQL types). <see cref="HistorySchema"/> applies
/// them under <see cref="PostgreSqlHistoryDialect"/>'s advisory lock.
/// </summary>
internal static class PostgreSqlHistorySchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: audit records; seq keeps records that started in the same instant in the order they were added.
        """
        CREATE TABLE datarefresh.audit_records (
            run_id      text        NOT NULL PRIMARY KEY,
            job         text,
            job_file    text        NOT NULL,
            started_at  timestamptz NOT NULL,
            ended_at    timestamptz NOT NULL,
            outcome     text        NOT NULL,
            exit_code   integer     NOT NULL,
            record      text        NOT NULL,
            seq         bigint      GENERATED ALWAYS AS IDENTITY
        );
        CREATE INDEX audit_records_started ON datarefresh.audit_records (started_at, seq);
        """,
        // 2: run history, node heartbeats, trigger requests.
        """
        CREATE TABLE datarefresh.runs (
            run_id         text        NOT NULL PRIMARY KEY,
            job            text        NOT NULL,
            trigger        text        NOT NULL,
            node           text        NOT NULL,
            started_at     timestamptz NOT NULL,
            scheduled_for  timestamptz,
            target         text,
            outcome        text        NOT NULL,
            ended_at       timestamptz,
            exit_code      integer,
            error          text,
            tables         jsonb       NOT NULL DEFAULT '[]'
        );
        CREATE INDEX runs_started ON datarefresh.runs (started_at);
        CREATE INDEX runs_job_started ON datarefresh.runs (job, started_at);
        CREATE INDEX runs_running ON datarefresh.runs (node) WHERE outcome = 'running';
        CREATE TABLE datarefresh.scheduler_nodes (
            node        text        NOT NULL PRIMARY KEY,
            started_at  timestamptz NOT NULL,
            last_seen   timestamptz NOT NULL,
            version     text        NOT NULL
        );
        CREATE TABLE datarefresh.trigger_requests (
            id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            job           text        NOT NULL,
            requested_by  text        NOT NULL,
            requested_at  timestamptz NOT NULL,
            claimed_by    text,
            claimed_at    timestamptz
        );
        CREATE INDEX trigger_requests_unclaimed ON datarefresh.trigger_requests (id) WHERE claimed_by IS NULL;
        """,
        // 3: the audit records' hash chain (AuditChain): each record's hash and its link, and the chain's two ends.
        """
        ALTER TABLE datarefresh.audit_records ADD COLUMN previous_hash text, ADD COLUMN record_hash text;
        CREATE TABLE datarefresh.audit_chain (
            id      integer NOT NULL PRIMARY KEY CHECK (id = 1),
            anchor  text    NOT NULL,
            head    text    NOT NULL
        );
        INSERT INTO datarefresh.audit_chain (id, anchor, head) VALUES (1, '0000000000000000000000000000000000000000000000000000000000000000', '0000000000000000000000000000000000000000000000000000000000000000');
        """,
        // 4: the web console's local accounts (roles comma-separated, in ConsoleRoles' order).
        """
        CREATE TABLE datarefresh.console_accounts (
            name            text        NOT NULL PRIMARY KEY,
            password_hash   text        NOT NULL,
            roles           text        NOT NULL,
            created_at      timestamptz NOT NULL
        );
        """,
        // 5: rule review: approvals (the approved files as JSON, never purged) and each environment's latest schema.
        """
        CREATE TABLE datarefresh.rule_approvals (
            id              text        NOT NULL PRIMARY KEY,
            environment     text        NOT NULL,
            approved_at     timestamptz NOT NULL,
            reviewer        text        NOT NULL,
            comment         text        NOT NULL,
            version         text        NOT NULL
        );
        CREATE INDEX rule_approvals_environment ON datarefresh.rule_approvals (environment, approved_at);
        CREATE TABLE datarefresh.source_schemas (
            environment     text        NOT NULL PRIMARY KEY,
            read_at         timestamptz NOT NULL,
            run_id          text        NOT NULL,
            schema_json     text        NOT NULL
        );
        """,
        // 6: drift checks before the night: the latest check of each scheduled job's rules against its source.
        """
        CREATE TABLE datarefresh.drift_checks (
            job             text        NOT NULL PRIMARY KEY,
            firing_at       timestamptz NOT NULL,
            basis           text        NOT NULL,
            node            text        NOT NULL,
            checked_at      timestamptz NOT NULL,
            problems        text        NOT NULL
        );
        """,
        // 7: live progress of running runs (JSON, replaced every few seconds) and the bytes each run copied.
        """
        ALTER TABLE datarefresh.runs ADD COLUMN progress text, ADD COLUMN bytes_copied bigint;
        """,
        // 8: each environment's latest scan: the columns it flagged and why (names and evidence, never a value).
        """
        CREATE TABLE datarefresh.scans (
            environment     text        NOT NULL PRIMARY KEY,
            scanned_at      timestamptz NOT NULL,
            sample_rows     integer     NOT NULL,
            findings        text        NOT NULL
        );
        """,
    ];
}
