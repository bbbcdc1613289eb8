using DataRefresh.Core.Configuration;

namespace DataRefresh.Core.Providers;

/// <summary>
/// One database engine's part of a refresh. Small on purpose: open a consistent read of the source, lock the target for
/// one run at a time, create the side database the copy is loaded into, and describe connection strings without their secrets.
/// </summary>
public interface IRefreshProvider
{
    ProviderKind Kind { get; }

    /// <summary>The connection string with passwords and other secrets removed, fit for logs.</summary>
    string DescribeConnection(string connectionString);

    /// <summary>
    /// Turns a driver's exception into one clear sentence with an exit code, with every row value stripped, or null when
    /// the exception is not this provider's.
    /// </summary>
    Errors.DataRefreshException? Explain(Exception exception);

    Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the lock that allows one run at a time on the target's database, or returns null at once when another run
    /// holds it. Never waits: a scheduler that starts a second run wants to hear so, not queue.
    /// </summary>
    Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default);

    /// <summary>Creates an empty side database next to the target; nothing touches the target itself until cut-over.</summary>
    Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default);
}
