using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Connections;

/// <summary>
/// An environment's SQLite file, from a connection string <c>Data Source=&lt;file&gt;</c>: its full path (relative paths
/// are taken from the working directory), and the connections DataRefresh opens on it. Pooling is always off, so a file
/// is closed when its connection is, and can be renamed or deleted at once.
/// </summary>
internal sealed record SqliteConnectionInfo(string Path, string Environment)
{
    /// <summary>The file's name, which plays the part of a database name (side files and previous copies are named after it).</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    public static SqliteConnectionInfo Parse(string connectionString, string environment)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw Invalid(environment, "it is not a valid SQLite connection string");
        }

        var file = builder.DataSource;
        if (string.IsNullOrWhiteSpace(file) || file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw Invalid(environment, "it names no file (Data Source=<file> is required; in-memory databases cannot be refreshed)");
        }

        return new SqliteConnectionInfo(System.IO.Path.GetFullPath(file), environment);
    }

    /// <summary>Another file in the same folder (a side file, a previous copy).</summary>
    public SqliteConnectionInfo Beside(string fileName) => this with { Path = System.IO.Path.Combine(Folder, fileName) };

    /// <summary>The path with every symbolic link and <c>..</c> resolved (of the file, or of its folder when the file does not exist yet).</summary>
    public string CanonicalPath() =>
        SqliteFiles.RealPath(Path) ?? (SqliteFiles.RealPath(Folder) is { } folder ? System.IO.Path.Combine(folder, FileName) : Path);

    public DatabaseAddress Address()
    {
        var canonical = CanonicalPath();
        return new DatabaseAddress([new DatabaseEndpoint(System.IO.Path.GetDirectoryName(canonical)!, 0)], canonical);
    }

    public string Describe() => $"SQLite file {Path}";

    /// <summary>A read-only connection for a source: SQLite itself refuses any write through it.</summary>
    public SqliteConnection ReadOnly() => Connection(SqliteOpenMode.ReadOnly, foreignKeys: null);

    /// <summary>A connection that creates the file when missing; foreign keys are not enforced while loading (verification checks them).</summary>
    public SqliteConnection ReadWrite() => Connection(SqliteOpenMode.ReadWriteCreate, foreignKeys: false);

    private SqliteConnection Connection(SqliteOpenMode mode, bool? foreignKeys) => new(new SqliteConnectionStringBuilder
    {
        DataSource = Path,
        Mode = mode,
        Pooling = false,
        ForeignKeys = foreignKeys,
        DefaultTimeout = 0,
    }.ConnectionString);

    private static DataRefreshException Invalid(string environment, string why) =>
        new(ExitCodes.Configuration, $"The connection string of environment '{environment}' cannot be used: {why}. Write it as Data Source=<path to the .db file>.");
}
