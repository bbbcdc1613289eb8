using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>
/// The history store in one SQLite file: instants as unix milliseconds in <c>_ms</c> columns, the run's tables as JSON
/// text. SQLite's own locking lets several processes (runs, scheduler nodes, <c>trigger</c>) write to the file at once:
/// Microsoft.Data.Sqlite begins transactions IMMEDIATE, taking the file's write lock before reading, which is both the
/// migration lock and what makes a trigger claim exclusive (a second process waits, then finds the requests taken).
/// </summary>
internal sealed class SqliteHistoryDialect(string file) : HistoryDialect
{
    public override string Location => file;

    public override DbConnection NewConnection()
    {
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Pooling off: the file is closed when the command ends, so tests and other processes can move or delete it.
        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, DefaultTimeout = 30 }.ConnectionString);
    }

    // Microsoft.Data.Sqlite retries a busy database only while stepping a statement, not when a statement with RETURNING
    // finishes or a transaction commits; SQLite's own busy timeout waits everywhere.
    public override string SessionSetup => "PRAGMA busy_timeout = 30000";

    // The file may be moved, deleted or replaced between commands (pooling is off for that), and checking is one local read.
    public override bool ChecksSchemaOnEveryOpen => true;

    public override IReadOnlyList<string> Migrations => SqliteHistorySchema.Migrations;

    public override string SchemaVersionExists => "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";

    public override string CreateSchemaVersion => "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

    public override DbType InstantType => DbType.Int64;

    public override object InstantValue(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    protected override string Table(string name) => name;

    protected override string Time(string column) => $"{column}_ms";

    protected override string AuditInsertionOrder => "rowid";
}
