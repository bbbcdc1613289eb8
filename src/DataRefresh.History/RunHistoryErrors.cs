namespace DataRefresh.History;

/// <summary>The sentences both stores fail with, so SQLite and PostgreSQL say the same thing about the same mistake.</summary>
internal static class RunHistoryErrors
{
    // A run id is ours (time and random), never a row value, so it may be named.
    public static InvalidOperationException NoSuchRun(string runId, string location) =>
        new($"Cannot finish run {runId}: the history store {location} has no record of its start (StartRunAsync was not called for it, or the run history was reset).");
}
