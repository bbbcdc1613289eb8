namespace DataRefresh.Testing.InMemory;

/// <summary>The names of databases a run makes beside its target, as the PostgreSQL provider spells them (without its length limit).</summary>
public static class InMemorySideDatabases
{
    private const string RefreshInfix = "__refresh_";

    public static string Refresh(string target, string runId) => target + RefreshInfix + runId;

    /// <summary>Whether <paramref name="database"/> is a side database of <paramref name="target"/> that some run made.</summary>
    public static bool IsSideDatabaseOf(string target, string database) => database.StartsWith(target + RefreshInfix, StringComparison.Ordinal);
}
