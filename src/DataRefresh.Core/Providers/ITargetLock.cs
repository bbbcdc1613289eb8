namespace DataRefresh.Core.Providers;

/// <summary>
/// The right to refresh one target database, held by one run for its whole life (PostgreSQL: a session-level advisory
/// lock; SQL Server: <c>sp_getapplock</c> with a session owner). It ends when disposed or when the process dies, so a
/// killed run never leaves it behind. While it is held no other run can be creating side databases of the same target,
/// which is what makes removing leftovers safe.
/// </summary>
public interface ITargetLock : IAsyncDisposable
{
    /// <summary>The target database's name on its server.</summary>
    string TargetDatabase { get; }

    /// <summary>Side databases of this target that runs left behind (killed before they could drop them), by name.</summary>
    Task<IReadOnlyList<string>> FindLeftoversAsync(CancellationToken cancellationToken = default);

    /// <summary>Drops one database returned by <see cref="FindLeftoversAsync"/>, ending any session still in it.</summary>
    Task DropLeftoverAsync(string database, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts the copy an earlier run kept (<c>keepPrevious</c>, <c>&lt;target&gt;__previous</c>) back under the target's
    /// name with the same safety as a cut-over: the target's name is never missing, sessions on it are ended, and the
    /// copy it held is dropped, so the previous copy is used up and a second rollback finds none. Returns false, having
    /// changed nothing, when there is no previous copy. <paramref name="runId"/> names the rollback's own side names.
    /// </summary>
    Task<bool> RollBackAsync(string runId, CancellationToken cancellationToken = default);
}
