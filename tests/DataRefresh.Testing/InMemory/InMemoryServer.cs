namespace DataRefresh.Testing.InMemory;

/// <summary>
/// The "server" of the in-memory provider: databases by name, and the run locks on target names. A connection string
/// is a database's name. Renames and drops are atomic under one lock, as one server's catalog would make them.
/// </summary>
public sealed class InMemoryServer
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, InMemoryDatabase> databases = new(StringComparer.Ordinal);
    private readonly HashSet<string> lockedTargets = new(StringComparer.Ordinal);

    /// <summary>What the server says it is (PostgreSQL's system identifier), distinct per server.</summary>
    public string Identity { get; } = "in-memory-" + Guid.NewGuid().ToString("N")[..8];

    public IReadOnlyList<string> DatabaseNames
    {
        get
        {
            lock (sync)
            {
                return [.. databases.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    public InMemoryDatabase CreateDatabase(string name)
    {
        lock (sync)
        {
            if (databases.ContainsKey(name))
            {
                throw new InMemoryDatabaseException($"database {name} already exists", isTransient: false);
            }

            var database = new InMemoryDatabase(name);
            databases.Add(name, database);
            return database;
        }
    }

    public bool Contains(string name)
    {
        lock (sync)
        {
            return databases.ContainsKey(name);
        }
    }

    public InMemoryDatabase Database(string name)
    {
        lock (sync)
        {
            return databases.GetValueOrDefault(name) ?? throw new InMemoryDatabaseException($"database {name} does not exist", isTransient: false);
        }
    }

    public void Drop(string name)
    {
        lock (sync)
        {
            databases.Remove(name);
        }
    }

    /// <summary>
    /// Swaps <paramref name="side"/> in for <paramref name="target"/> in one step: the old target is dropped, or with
    /// <paramref name="keepPrevious"/> renamed to <c>&lt;target&gt;__previous</c> (replacing an older one).
    /// </summary>
    public void CutOver(string side, string target, bool keepPrevious)
    {
        lock (sync)
        {
            var loaded = databases.GetValueOrDefault(side) ?? throw new InMemoryDatabaseException($"database {side} does not exist", isTransient: false);
            if (databases.Remove(target, out var old) && keepPrevious)
            {
                var previous = PreviousName(target);
                old.Name = previous;
                databases[previous] = old;
            }

            databases.Remove(side);
            loaded.Name = target;
            databases.Add(target, loaded);
        }
    }

    public static string PreviousName(string target) => target + "__previous";

    internal bool TryLock(string target)
    {
        lock (sync)
        {
            return lockedTargets.Add(target);
        }
    }

    internal void Unlock(string target)
    {
        lock (sync)
        {
            lockedTargets.Remove(target);
        }
    }
}
