namespace DataRefresh.History;

/// <summary>
/// The history store's schema in SQL Server: schema <c>datarefresh</c>, the same numbered migrations as
/// <see cref="SqliteHistorySchema"/>'s and <see cref="PostgreSqlHistorySchema"/>'s (same numbers, same tables, SQL Server
/// types). Keys are <c>nvarchar(450)</c>, within an index key's 900 bytes; instants <c>datetimeoffset</c>.
/// <see cref="HistorySchema"/> applies them under <see cref="SqlServerHistoryDialect"/>'s application lock.
/// </summary>
internal static class SqlServerHistorySchema
{
    public static readonly IReadOnlyList<string> Migrations =
    [
        // 1: audit records; seq keeps records that started in the same instant in the order they were added.
        """
        CREATE TABLE datarefresh.audit_records (
            run_id      nvarchar(450)  NOT NULL PRIMARY KEY,
            job         nvarchar(max),
            job_file    nvarchar(max)  NOT NULL,
            started_at  datetimeoffset NOT NULL,
            ended_at    datetimeoffset NOT NULL,
            outcome     nvarchar(40)   NOT NULL,
            exit_code   int            NOT NULL,
            record      nvarchar(max)  NOT NULL,
            seq         bigint         IDENTITY NOT NULL
        );
        CREATE INDEX audit_records_started ON datarefresh.audit_records (started_at, seq);
        """,
        // 2: run history, node heartbeats, trigger requests.
        """
        CREATE TABLE datarefresh.runs (
            run_id         nvarchar(450)  NOT NULL PRIMARY KEY,
            job            nvarchar(400)  NOT NULL,
            "trigger"      nvarchar(max)  NOT NULL,
            node           nvarchar(400)  NOT NULL,
            started_at     datetimeoffset NOT NULL,
            scheduled_for  datetimeoffset,
            target         nvarchar(max),
            outcome        nvarchar(40)   NOT NULL,
            ended_at       datetimeoffset,
            exit_code      int,
            error          nvarchar(max),
            tables         nvarchar(max)  NOT NULL DEFAULT N'[]'
        );
        CREATE INDEX runs_started ON datarefresh.runs (started_at);
        CREATE INDEX runs_job_started ON datarefresh.runs (job, started_at);
        CREATE INDEX runs_running ON datarefresh.runs (node) WHERE outcome = 'running';
        CREATE TABLE datarefresh.scheduler_nodes (
            node        nvarchar(450)  NOT NULL PRIMARY KEY,
            started_at  datetimeoffset NOT NULL,
            last_seen   datetimeoffset NOT NULL,
            version     nvarchar(200)  NOT NULL
        );
        CREATE TABLE datarefresh.trigger_requests (
            id            bigint         IDENTITY NOT NULL PRIMARY KEY,
            job           nvarchar(400)  NOT NULL,
            requested_by  nvarchar(max)  NOT NULL,
            requested_at  datetimeoffset NOT NULL,
            claimed_by    nvarchar(400),
            claimed_at    datetimeoffset
        );
        CREATE INDEX trigger_requests_unclaimed ON datarefresh.trigger_requests (id) WHERE claimed_by IS NULL;
        """,
        // 3: the audit records' hash chain (AuditChain): each record's hash and its link, and the chain's two ends.
        """
        ALTER TABLE datarefresh.audit_records ADD previous_hash nvarchar(64), record_hash nvarchar(64);
        CREATE TABLE datarefresh.audit_chain (
            id      int          NOT NULL PRIMARY KEY CHECK (id = 1),
            anchor  nvarchar(64) NOT NULL,
            head    nvarchar(64) NOT NULL
        );
        INSERT INTO datarefresh.audit_chain (id, anchor, head) VALUES (1, N'0000000000000000000000000000000000000000000000000000000000000000', N'0000000000000000000000000000000000000000000000000000000000000000');
        """,
        // 4: the web console's local accounts (roles comma-separated, in ConsoleRoles' order).
        """
        CREATE TABLE datarefresh.console_accounts (
            name            nvarchar(128)  NOT NULL PRIMARY KEY,
            password_hash   nvarchar(200)  NOT NULL,
            roles           nvarchar(100)  NOT NULL,
            created_at      datetimeoffset NOT NULL
        );
        """,
        // 5: rule review: approvals (the approved files as JSON, never purged) and each environment's latest schema.
        """
        CREATE TABLE datarefresh.rule_approvals (
            id              nvarchar(100)  NOT NULL PRIMARY KEY,
            environment     nvarchar(128)  NOT NULL,
            approved_at     datetimeoffset NOT NULL,
            reviewer        nvarchar(128)  NOT NULL,
            comment         nvarchar(max)  NOT NULL,
            version         nvarchar(max)  NOT NULL
        );
        CREATE INDEX rule_approvals_environment ON datarefresh.rule_approvals (environment, approved_at);
        CREATE TABLE datarefresh.source_schemas (
            environment     nvarchar(128)  NOT NULL PRIMARY KEY,
            read_at         datetimeoffset NOT NULL,
            run_id          nvarchar(100)  NOT NULL,
            schema_json     nvarchar(max)  NOT NULL
        );
        """,
        // 6: drift checks before the night: the latest check of each scheduled job's rules against its source.
        """
        CREATE TABLE datarefresh.drift_checks (
            job             nvarchar(400)  NOT NULL PRIMARY KEY,
            firing_at       datetimeoffset NOT NULL,
            basis           nvarchar(64)   NOT NULL,
            node            nvarchar(400)  NOT NULL,
            checked_at      datetimeoffset NOT NULL,
            problems        nvarchar(max)  NOT NULL
        );
        """,
        // 7: live progress of running runs (JSON, replaced every few seconds) and the bytes each run copied.
        """
        ALTER TABLE datarefresh.runs ADD progress nvarchar(max) NULL, bytes_copied bigint NULL;
        """,
        // 8: each environment's latest scan: the columns it flagged and why (names and evidence, never a value).
        """
        CREATE TABLE datarefresh.scans (
            environment     nvarchar(400)  NOT NULL PRIMARY KEY,
            scanned_at      datetimeoffset NOT NULL,
            sample_rows     int            NOT NULL,
            findings        nvarchar(max)  NOT NULL
        );
        """,
    ];
}
