using DataRefresh.Core.Configuration;

namespace DataRefresh.Core.Providers;

/// <summary>
/// One database engine's part of a refresh. Small on purpose: open a cheap catalog or a consistent snapshot of the source
/// (which only read), lock the target for one run at a time, create the side database the copy is loaded into (which
/// only writes), and describe connection strings without their secrets. Core owns everything between them.
/// </summary>
public interface IRefreshProvider
{
    ProviderKind Kind { get; }

    /// <summary>The schema a name without one lives in (PostgreSQL: public, SQL Server: dbo, SQLite: main).</summary>
    string DefaultSchema { get; }

    /// <summary>What this provider can promise a run; the run honours it and the audit records it.</summary>
    ProviderCapabilities Capabilities { get; }

    /// <summary>The connection string with passwords and other secrets removed, fit for logs.</summary>
    string DescribeConnection(string connectionString);

    /// <summary>
    /// Turns a driver's exception into one clear sentence with an exit code, with every row value stripped, or null when
    /// the exception is not this provider's.
    /// </summary>
    Errors.DataRefreshException? Explain(Exception exception);

    /// <summary>
    /// Whether a failure is worth retrying: the connection dropped, the server restarted or is briefly full, a
    /// serialization failure or deadlock. Looks through <see cref="Errors.DataRefreshException"/> wrappers. Permanent
    /// failures (permissions, a missing object, a full disk, bad data) are not transient.
    /// </summary>
    bool IsTransient(Exception exception);

    /// <summary>Where a connection string leads (hosts, ports, database), without connecting; for the production guard.</summary>
    DatabaseAddress ParseAddress(EnvironmentSettings environment);

    /// <summary>
    /// The identity of the environment's server and database, read from the server (the database itself need not exist),
    /// or null when the server does not say (not permitted). Used to refuse a target that is a production database under
    /// another name.
    /// </summary>
    Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default);

    /// <summary>The cheap, read-only view of the source for commands that do not copy (plan, validate, report, scan, preview).</summary>
    Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default);

    /// <summary>A consistent, read-only snapshot of the source for a run, shared by up to <see cref="ProviderCapabilities.ConsistentReaders"/> readers.</summary>
    Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the lock that allows one run at a time on the target's database, or returns null at once when another run
    /// holds it. Never waits: a scheduler that starts a second run wants to hear so, not queue.
    /// </summary>
    Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>plan</c>'s checks of the target's side of a run, as the target's user, writing nothing: may it create the side
    /// database, replace the target at cut-over, end other sessions on it. An unreachable server is a check that failed.
    /// </summary>
    Task<IReadOnlyList<Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty side database next to the target; nothing touches the target itself until cut-over.</summary>
    Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What killed runs left on a source's server that <c>cleanup</c> may remove even where the source is production,
    /// because the run created it there (SQL Server: database snapshots of the source). Engines that create nothing on a
    /// source have nothing to find, and never connect.
    /// </summary>
    Task<IReadOnlyList<string>> FindSourceLeftoversAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Removes one object <see cref="FindSourceLeftoversAsync"/> returned, unless its run turns out to be alive; true when it was removed.</summary>
    Task<bool> DropSourceLeftoverAsync(EnvironmentSettings source, string name, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{Kind} leaves nothing on a source to drop.");
}
