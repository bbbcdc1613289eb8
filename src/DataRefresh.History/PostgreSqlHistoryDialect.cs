using System.Data;
using System.Data.Common;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using Npgsql;

namespace DataRefresh.History;

/// <summary>
/// The history store in PostgreSQL: schema <c>datarefresh</c>, instants as <c>timestamptz</c>, the run's tables as
/// <c>jsonb</c>. Row locks and an advisory lock for migrations replace SQLite's file lock, so several nodes can share it.
/// </summary>
internal sealed class PostgreSqlHistoryDialect : HistoryDialect
{
    // Any fixed number works, as long as nothing else in the database uses it; these are the bytes of "DataRefr".
    private const long MigrationLock = 0x4461746152656672;

    private readonly string connectionString;

    public PostgreSqlHistoryDialect(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // The parser's message may quote the text, password included.
            throw new DataRefreshException(ExitCodes.Configuration, $"{AuditSettings.HistoryConnectionSetting} is not a valid PostgreSQL connection string.");
        }

        // Messages name the store by where it is, never by the string that logs in to it.
        Location = $"PostgreSQL {builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default database)"}, schema datarefresh";
        builder.ApplicationName ??= "datarefresh history";
        this.connectionString = builder.ConnectionString;
    }

    public override string Location { get; }

    public override DbConnection NewConnection() => new NpgsqlConnection(connectionString);

    public override IReadOnlyList<string> Migrations => PostgreSqlHistorySchema.Migrations;

    public override string SchemaVersionExists => "SELECT to_regclass('datarefresh.schema_version') IS NOT NULL";

    public override string CreateSchemaVersion =>
        "CREATE SCHEMA IF NOT EXISTS datarefresh; CREATE TABLE IF NOT EXISTS datarefresh.schema_version (version integer NOT NULL)";

    // Several nodes may start at once against one database; the lock is released when the migrating transaction ends.
    protected override (string Sql, DbType Type, object Value)? MigrationLockStatement => ("SELECT pg_advisory_xact_lock(@lock)", DbType.Int64, MigrationLock);

    // DISTINCT ON reads the (job, started_at) index in one pass instead of numbering every run.
    public override string LatestRunPerJob =>
        $"SELECT DISTINCT ON (job) {RunColumns} FROM datarefresh.runs ORDER BY job, started_at DESC, run_id DESC";

    // One statement: the inner SELECT locks the unclaimed rows it sees and skips rows another node is claiming right
    // now, so each request goes to exactly one node and no node waits for another.
    public override string ClaimTriggerRequests => """
        UPDATE datarefresh.trigger_requests SET claimed_by = @node, claimed_at = @at
        WHERE id IN (SELECT id FROM datarefresh.trigger_requests WHERE claimed_by IS NULL ORDER BY id FOR UPDATE SKIP LOCKED)
        RETURNING id, job, requested_by, requested_at
        """;

    protected override string Table(string name) => $"datarefresh.{name}";

    protected override string JsonAsText(string column) => $"{column}::text";

    protected override string TextAsJson(string parameter) => $"{parameter}::jsonb";

    protected override string AuditInsertionOrder => "seq";
}
