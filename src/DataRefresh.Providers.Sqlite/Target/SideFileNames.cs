using DataRefresh.Core.Errors;
using DataRefresh.Providers.Sqlite.Connections;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// The files a refresh of target <c>&lt;file&gt;</c> writes next to it, named as PostgreSQL's side databases are:
/// <c>&lt;file&gt;__refresh_&lt;run&gt;</c> while loading, <c>&lt;file&gt;__retired_&lt;run&gt;</c> for a moment during
/// cut-over, <c>&lt;file&gt;__previous</c> when the previous copy is kept, and <c>&lt;file&gt;.datarefresh-lock</c>, which
/// stays (a lock file deleted on release could be locked twice).
/// </summary>
internal static class SideFileNames
{
    private const string Refresh = "__refresh_";
    private const string Retired = "__retired_";

    public static string Side(string target, string runId) => target + Refresh + runId;

    public static string RetiredCopy(string target, string runId) => target + Retired + runId;

    public static string Previous(string target) => target + "__previous";

    public static string Lock(string target) => target + ".datarefresh-lock";

    /// <summary>Whether a file in the target's folder is one a run of this target left behind (not its journal: that goes with it).</summary>
    public static bool IsLeftover(string target, string fileName) =>
        (fileName.StartsWith(target + Refresh, StringComparison.Ordinal) || fileName.StartsWith(target + Retired, StringComparison.Ordinal))
        && !fileName.EndsWith("-journal", StringComparison.Ordinal);

    /// <summary>
    /// Refuses to replace a target file a program is writing to: its rollback journal is there while a transaction runs
    /// (or after one was killed, and then the next program to open the file rolls it back — into our new copy).
    /// </summary>
    public static void EnsureNoneWriting(SqliteConnectionInfo target)
    {
        if (File.Exists(target.Path + "-journal"))
        {
            throw new DataRefreshException(
                ExitCodes.TargetBusy,
                $"a program is writing to {target.Describe()} or was killed while writing (its -journal file is there); close the programs using it and run again. The target was not changed.");
        }
    }

    /// <summary>A database file and the journal SQLite may keep beside it.</summary>
    public static void Delete(string path)
    {
        File.Delete(path);
        File.Delete(path + "-journal");
    }
}
