namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// The T-SQL a run sends to a SQL Server source, in one place so tests parse every statement with ScriptDom. Every
/// statement only reads, except the database snapshot's create and drop (the one object DataRefresh may create on a
/// production server, and only in <see cref="SqlServerConsistency.DatabaseSnapshot"/> mode).
/// </summary>
internal static class SourceSql
{
    /// <summary>Whether the source allows snapshot isolation (1 = ON).</summary>
    public const string SnapshotIsolationState = "SELECT snapshot_isolation_state FROM sys.databases WHERE database_id = DB_ID();";

    /// <summary>
    /// Starts the run's snapshot. A SNAPSHOT transaction's point in time is its first read of data, so it reads a table of
    /// the catalog at once, before anything else can change.
    /// </summary>
    public const string BeginSnapshot = "SET TRANSACTION ISOLATION LEVEL SNAPSHOT;\nBEGIN TRANSACTION;\nSELECT COUNT_BIG(*) FROM sys.objects;";

    /// <summary>The source's columns under Dynamic Data Masking, as schema.table.column.</summary>
    public const string MaskedColumns =
        "SELECT CONCAT(SCHEMA_NAME(t.schema_id), N'.', t.name, N'.', c.name) FROM sys.masked_columns AS c " +
        "JOIN sys.tables AS t ON t.object_id = c.object_id WHERE c.is_masked = 1 ORDER BY 1;";

    /// <summary>Whether the login reads masked columns unmasked (UNMASK, or CONTROL through db_owner).</summary>
    public const string CanUnmask = "SELECT HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'UNMASK');";

    /// <summary>The server's and the database's identity, for the production guard once connected.</summary>
    public const string Identity = "SELECT @@SERVERNAME, CAST(SERVERPROPERTY(N'MachineName') AS nvarchar(128)), (SELECT service_broker_guid FROM sys.databases WHERE name = @database);";

    /// <summary>The database's collation, which a side database built from its script takes.</summary>
    public const string Collation = "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), N'Collation') AS nvarchar(128));";

    /// <summary>Whether the login may read a table (one row per planned table, by its two-part name).</summary>
    public const string CanSelect = "SELECT HAS_PERMS_BY_NAME(@table, N'OBJECT', N'SELECT');";

    /// <summary>The database's data size in bytes, for plan's size of the copy.</summary>
    public const string DataSize = "SELECT SUM(CAST(used_pages AS bigint)) * 8192 FROM sys.allocation_units;";

    /// <summary>Whether the connection is encrypted (a production source's data should not cross the network in clear).</summary>
    public const string Encrypted = "SELECT encrypt_option FROM sys.dm_exec_connections WHERE session_id = @@SPID;";

    /// <summary>The session lock a run holds on its database snapshot while it reads it; one granted at once on a leftover means its run is gone.</summary>
    public static string SnapshotLockResource(string snapshot) => "DataRefresh:snapshot:" + snapshot.ToUpperInvariant();

    /// <summary>The name prefix of the database snapshots runs take of <paramref name="source"/>.</summary>
    public static string SnapshotPrefix(string source) => source + "__dr_snapshot_";

    /// <summary>The data files a database snapshot needs one sparse file for each of.</summary>
    public static string DataFiles(string database) => $"SELECT name, physical_name FROM {SqlServerDialect.Quote(database)}.sys.database_files WHERE type = 0 ORDER BY file_id;";

    /// <summary>Database snapshots of the source that runs left behind (named <c>&lt;source&gt;__dr_snapshot_&lt;run&gt;</c>).</summary>
    public const string LeftoverSnapshots =
        "SELECT name FROM sys.databases WHERE source_database_id = DB_ID(@source) AND name LIKE @prefix ESCAPE N'\\';";

    /// <summary>A database snapshot of <paramref name="source"/>, one sparse file per data file (logical name, file path).</summary>
    public static string CreateDatabaseSnapshot(string snapshot, string source, IReadOnlyList<(string LogicalName, string FileName)> files) =>
        $"CREATE DATABASE {SqlServerDialect.Quote(snapshot)} ON " +
        string.Join(", ", files.Select(file => $"(NAME = {SqlServerDialect.Quote(file.LogicalName)}, FILENAME = {SqlServerDialect.Literal(file.FileName)})")) +
        $" AS SNAPSHOT OF {SqlServerDialect.Quote(source)};";

    public static string DropDatabaseSnapshot(string snapshot) => $"DROP DATABASE {SqlServerDialect.Quote(snapshot)};";
}
