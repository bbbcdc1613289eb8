namespace DataRefresh.Testing.InMemory;

/// <summary>
/// What the in-memory engine throws: a broken rule of its own (a NULL in a NOT NULL column, a missing database) or a
/// failure a test injected. <see cref="IsTransient"/> says whether a retry may cure it. Messages name tables and columns,
/// never a row value.
/// </summary>
public sealed class InMemoryDatabaseException(string message, bool isTransient) : Exception(message)
{
    public bool IsTransient { get; } = isTransient;
}
