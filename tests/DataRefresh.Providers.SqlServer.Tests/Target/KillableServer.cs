using DataRefresh.Providers.SqlServer.Target;

namespace DataRefresh.Providers.SqlServer.Tests.Target;

/// <summary>
/// A target server's databases and journal in memory, scripted to die after a given number of operations (every call
/// that changes state counts, journal writes included), as a killed process leaves a real server: what ran stays done.
/// </summary>
internal sealed class KillableServer : ICutOverServer
{
    private readonly Dictionary<string, Database> databases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CutOverJournalEntry> journal = new(StringComparer.OrdinalIgnoreCase);
    private int operationsLeft = int.MaxValue;

    public sealed record Database(string Content, bool SingleUser);

    public IReadOnlyDictionary<string, Database> Databases => databases;

    public IReadOnlyDictionary<string, CutOverJournalEntry> Journal => journal;

    public int Operations { get; private set; }

    public void Add(string name, string content) => databases[name] = new Database(content, SingleUser: false);

    public void KillAfter(int operations) => operationsLeft = operations;

    public void Revive() => operationsLeft = int.MaxValue;

    public Task<bool> ExistsAsync(string database, CancellationToken cancellationToken) => Task.FromResult(databases.ContainsKey(database));

    public Task EndSessionsAsync(string database, CancellationToken cancellationToken) => Change(() => databases[database] = databases[database] with { SingleUser = true });

    public Task ReopenSessionsAsync(string database, CancellationToken cancellationToken) => Change(() => databases[database] = databases[database] with { SingleUser = false });

    public Task RenameAsync(string database, string newName, CancellationToken cancellationToken) => Change(() =>
    {
        if (databases.ContainsKey(newName))
        {
            throw new InvalidOperationException($"database {newName} exists (error 1801)");
        }

        databases[newName] = databases[database];
        databases.Remove(database);
    });

    public Task DropAsync(string database, CancellationToken cancellationToken) => Change(() => databases.Remove(database));

    public Task WriteJournalAsync(CutOverJournalEntry entry, CancellationToken cancellationToken) => Change(() => journal[entry.Target] = entry);

    public Task<CutOverJournalEntry?> ReadJournalAsync(string target, CancellationToken cancellationToken) =>
        Task.FromResult(journal.TryGetValue(target, out var entry) ? entry : null);

    public Task DeleteJournalAsync(string target, CancellationToken cancellationToken) => Change(() => journal.Remove(target));

    private Task Change(Action change)
    {
        if (operationsLeft-- <= 0)
        {
            throw new KilledException();
        }

        change();
        Operations++;
        return Task.CompletedTask;
    }

    public sealed class KilledException : Exception;
}
