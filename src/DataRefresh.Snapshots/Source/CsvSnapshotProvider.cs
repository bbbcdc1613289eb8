using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;

namespace DataRefresh.Snapshots.Source;

/// <summary>
/// A folder a CSV snapshot wrote, as an engine on the seam: a source only (<c>snapshot restore</c> reads it like any
/// run reads its source, with the same checks on the target). Its connection string is the folder's path. As a target it
/// is refused before anything is written.
/// </summary>
public sealed class CsvSnapshotProvider : IRefreshProvider
{
    public ProviderKind Kind => ProviderKind.CsvSnapshot;

    /// <summary>Snapshots are written from SQLite files, whose tables are in <c>main</c>.</summary>
    public string DefaultSchema => "main";

    public ProviderCapabilities Capabilities { get; } = new(
        int.MaxValue, HoldsTables: true, CutOverKind.Atomic, "a snapshot folder is never a target");

    public string DescribeConnection(string connectionString) => $"CSV snapshot {Path.GetFullPath(connectionString)}";

    public DataRefreshException? Explain(Exception exception) => exception as DataRefreshException;

    public bool IsTransient(Exception exception) => false;

    public DatabaseAddress ParseAddress(EnvironmentSettings environment)
    {
        var folder = Path.GetFullPath(environment.ConnectionString);
        return new DatabaseAddress([new DatabaseEndpoint(folder, 0)], folder);
    }

    public Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default) =>
        Task.FromResult<DatabaseIdentity?>(new DatabaseIdentity("folder " + Path.GetFullPath(environment.ConnectionString), DefaultSchema));

    public async Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await OpenSnapshotAsync(source, cancellationToken);

    public Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        Task.FromResult<ISourceSnapshot>(new CsvSnapshotSource(SnapshotFolder.Open(source.ConnectionString)));

    public Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) => throw NotATarget(target);

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) => throw NotATarget(target);

    public Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default) => throw NotATarget(target);

    private static DataRefreshException NotATarget(EnvironmentSettings target) =>
        new(ExitCodes.Configuration, $"environment '{target.Name}' is a CSV snapshot folder, which is read (snapshot restore) but never written; choose a database as the target.");
}
