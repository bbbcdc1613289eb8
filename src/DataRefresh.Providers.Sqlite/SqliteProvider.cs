using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.Sqlite.Connections;
using DataRefresh.Providers.Sqlite.Errors;
using DataRefresh.Providers.Sqlite.Target;

namespace DataRefresh.Providers.Sqlite;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite, the embedded engine: a file is the database (<c>Data Source=&lt;file&gt;</c>).
/// The source is read in one read transaction; the target is loaded into a side file next to it and renamed over it.
/// </summary>
public sealed class SqliteProvider : IRefreshProvider
{
    public ProviderKind Kind => ProviderKind.Sqlite;

    public string DefaultSchema => SqliteDialect.Schema;

    /// <summary>
    /// One connection holds the read transaction, so one reader at a time; the transaction pins the schema, so tables need
    /// no holding; the cut-over is one rename.
    /// </summary>
    public ProviderCapabilities Capabilities { get; } = new(
        ConsistentReaders: 1,
        HoldsTables: true,
        CutOver: CutOverKind.Atomic,
        CutOverRecovery: "the new file is renamed over the target in one step: a kill leaves the target's name on the old file or the new one, and the next run or cleanup deletes the __refresh_/__retired_ leftover");

    public string DescribeConnection(string connectionString)
    {
        try
        {
            // Only the file: a password (SQLCipher builds) or other keys never reach a log or the audit.
            return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = SqliteConnectionInfo.Parse(connectionString, "").Path }.ConnectionString;
        }
        catch (DataRefreshException)
        {
            return "SQLite (connection string not readable)";
        }
    }

    public DataRefreshException? Explain(Exception exception) => SqliteErrors.Explain(exception);

    public bool IsTransient(Exception exception) => SqliteErrors.IsTransient(exception);

    public DatabaseAddress ParseAddress(EnvironmentSettings environment) => Info(environment).Address();

    /// <summary>An existing file is known by its device and inode (two paths, one file); a file still to be created, by its canonical path.</summary>
    public Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default)
    {
        var info = Info(environment);
        var identity = SqliteFiles.Identity(info.Path) is { } inode ? "file " + inode : "path " + info.CanonicalPath();
        return Task.FromResult<DatabaseIdentity?>(new DatabaseIdentity(identity, DefaultSchema));
    }

    public async Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await SqliteSourceSnapshot.OpenAsync(Info(source), cancellationToken);

    public async Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await SqliteSourceSnapshot.OpenAsync(Info(source), cancellationToken);

    public Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) =>
        Task.FromResult<ITargetLock?>(SqliteTargetLock.TryAcquire(Info(target)));

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) =>
        Task.FromResult(Preflight.SqliteTargetPreflight.Check(Info(target)));

    public async Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default)
    {
        var info = Info(target);
        try
        {
            return await SqliteTargetLoad.CreateAsync(info, runId, cancellationToken);
        }
        catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException && !cancellationToken.IsCancellationRequested)
        {
            throw SqliteErrors.Explain(exception, $"cannot create the side file for target '{target.Name}' ({info.Describe()})")
                ?? new DataRefreshException(ExitCodes.RefreshFailed, $"cannot create the side file for target '{target.Name}' in {info.Folder} ({exception.GetType().Name}); check that the folder is writable. The target was not changed.", exception);
        }
    }

    private static SqliteConnectionInfo Info(EnvironmentSettings environment) => SqliteConnectionInfo.Parse(environment.ConnectionString, environment.Name);
}
