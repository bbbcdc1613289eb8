using System.Data;
using System.Data.Common;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using Microsoft.Data.SqlClient;

namespace DataRefresh.History;

/// <summary>
/// The history store in SQL Server: schema <c>datarefresh</c>, instants as <c>datetimeoffset</c>, the run's tables as
/// JSON text in <c>nvarchar(max)</c>. What a SQL Server shop needs so that no PostgreSQL is involved at all: the same
/// tables as the other engines, an application lock instead of an advisory lock for migrations, <c>OUTPUT</c> instead of
/// <c>RETURNING</c>, <c>TOP</c> instead of <c>LIMIT</c>, and <c>READPAST</c> row locks for claiming trigger requests.
/// </summary>
internal sealed class SqlServerHistoryDialect : HistoryDialect
{
    private const string MigrationLock = "datarefresh history migrations";

    private readonly string connectionString;

    public SqlServerHistoryDialect(string connectionString)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The parser's message may quote the text, password included.
            throw new DataRefreshException(ExitCodes.Configuration, $"{AuditSettings.HistoryConnectionSetting} is not a valid SQL Server connection string (Server=…;Database=…); fix it.");
        }

        Location = $"SQL Server {(builder.DataSource is { Length: > 0 } server ? server : "(local)")}/{(builder.InitialCatalog is { Length: > 0 } database ? database : "(default database)")}, schema datarefresh";
        if (string.IsNullOrEmpty(builder.ApplicationName) || builder.ApplicationName == new SqlConnectionStringBuilder().ApplicationName)
        {
            builder.ApplicationName = "datarefresh history";
        }

        this.connectionString = builder.ConnectionString;
    }

    public override string Location { get; }

    public override DbConnection NewConnection() => new SqlConnection(connectionString);

    public override IReadOnlyList<string> Migrations => SqlServerHistorySchema.Migrations;

    public override string SchemaVersionExists => "SELECT CASE WHEN OBJECT_ID(N'datarefresh.schema_version', N'U') IS NULL THEN 0 ELSE 1 END";

    // CREATE SCHEMA must be the only statement of its batch, hence EXEC.
    public override string CreateSchemaVersion => """
        IF SCHEMA_ID(N'datarefresh') IS NULL EXEC (N'CREATE SCHEMA datarefresh');
        IF OBJECT_ID(N'datarefresh.schema_version', N'U') IS NULL CREATE TABLE datarefresh.schema_version (version int NOT NULL);
        """;

    // Several nodes may start at once against one database; a transaction-owned application lock ends with the migration.
    protected override (string Sql, DbType Type, object Value)? MigrationLockStatement =>
        ("EXEC sp_getapplock @Resource = @lock, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1", DbType.String, MigrationLock);

    public override string ReadRuns =>
        $"SELECT TOP (@limit) {RunColumns} FROM datarefresh.runs WHERE {RunFilter} ORDER BY started_at DESC, run_id DESC";

    // Update first, insert when no row was there; the range lock stops two first beats of one node from both inserting.
    public override string Heartbeat => """
        UPDATE datarefresh.scheduler_nodes WITH (UPDLOCK, SERIALIZABLE)
        SET started_at = @started, last_seen = @seen, version = @version WHERE node = @node;
        IF @@ROWCOUNT = 0
            INSERT INTO datarefresh.scheduler_nodes (node, started_at, last_seen, version) VALUES (@node, @started, @seen, @version);
        """;

    public override string SaveAccount => """
        UPDATE datarefresh.console_accounts WITH (UPDLOCK, SERIALIZABLE) SET password_hash = @hash, roles = @roles WHERE name = @name;
        IF @@ROWCOUNT = 0
            INSERT INTO datarefresh.console_accounts (name, password_hash, roles, created_at) VALUES (@name, @hash, @roles, @created);
        """;

    public override string SaveSourceSchema => """
        UPDATE datarefresh.source_schemas WITH (UPDLOCK, SERIALIZABLE) SET read_at = @read, run_id = @run_id, schema_json = @schema WHERE environment = @environment;
        IF @@ROWCOUNT = 0
            INSERT INTO datarefresh.source_schemas (environment, read_at, run_id, schema_json) VALUES (@environment, @read, @run_id, @schema);
        """;

    public override string SaveScan => """
        UPDATE datarefresh.scans WITH (UPDLOCK, SERIALIZABLE) SET scanned_at = @scanned, sample_rows = @sample, findings = @findings WHERE environment = @environment;
        IF @@ROWCOUNT = 0
            INSERT INTO datarefresh.scans (environment, scanned_at, sample_rows, findings) VALUES (@environment, @scanned, @sample, @findings);
        """;

    public override string SaveDriftCheck => """
        UPDATE datarefresh.drift_checks WITH (UPDLOCK, SERIALIZABLE)
        SET firing_at = @firing, basis = @basis, node = @node, checked_at = @checked, problems = @problems
        WHERE job = @job AND (firing_at <> @firing OR basis <> @basis);
        IF @@ROWCOUNT = 0 AND NOT EXISTS (SELECT 1 FROM datarefresh.drift_checks WITH (UPDLOCK, SERIALIZABLE) WHERE job = @job)
            INSERT INTO datarefresh.drift_checks (job, firing_at, basis, node, checked_at, problems) VALUES (@job, @firing, @basis, @node, @checked, @problems);
        """;

    public override string RequestTrigger =>
        "INSERT INTO datarefresh.trigger_requests (job, requested_by, requested_at) OUTPUT inserted.id VALUES (@job, @by, @at)";

    // READPAST skips rows another node is claiming right now, so each request goes to exactly one node and none waits.
    public override string ClaimTriggerRequests => """
        UPDATE datarefresh.trigger_requests WITH (ROWLOCK, READPAST) SET claimed_by = @node, claimed_at = @at
        OUTPUT inserted.id, inserted.job, inserted.requested_by, inserted.requested_at
        WHERE claimed_by IS NULL
        """;

    protected override string Table(string name) => $"datarefresh.{name}";

    protected override string AuditInsertionOrder => "seq";
}
