using DataRefresh.Core.Providers;

namespace DataRefresh.Testing.InMemory;

/// <summary>The one run lock on a target name of an <see cref="InMemoryServer"/>; released when disposed.</summary>
internal sealed class InMemoryTargetLock(InMemoryServer server, string target) : ITargetLock
{
    private bool released;

    public string TargetDatabase => target;

    public Task<IReadOnlyList<string>> FindLeftoversAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<string>>([.. server.DatabaseNames.Where(database => InMemorySideDatabases.IsSideDatabaseOf(target, database))]);
    }

    public Task DropLeftoverAsync(string database, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!InMemorySideDatabases.IsSideDatabaseOf(target, database))
        {
            throw new InMemoryDatabaseException($"{database} is not a side database of {target}", isTransient: false);
        }

        server.Drop(database);
        return Task.CompletedTask;
    }

    public Task<bool> RollBackAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!server.Contains(InMemoryServer.PreviousName(target)))
        {
            return Task.FromResult(false);
        }

        server.CutOver(InMemoryServer.PreviousName(target), target, keepPrevious: false);
        return Task.FromResult(true);
    }

    public ValueTask DisposeAsync()
    {
        if (!released)
        {
            released = true;
            server.Unlock(target);
        }

        return ValueTask.CompletedTask;
    }
}
