using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// Finds PostgreSQL's client and server programs: <c>DATAREFRESH_PG_BIN</c> if set, then the PATH, then Debian's
/// versioned folders under /usr/lib/postgresql (newest first: pg_dump must be at least as new as the server).
/// </summary>
public static class PostgreSqlTools
{
    public const string BinDirectoryVariable = "DATAREFRESH_PG_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The path of <paramref name="program"/>; when it is missing, the error names the Debian package that ships it.</summary>
    public static string Find(string program, string debianPackage = "postgresql-client") =>
        Find(program, SearchPath(), DebianRoot) ?? throw new DataRefreshException(
            ExitCodes.ExternalToolFailed,
            $"Cannot find the PostgreSQL program '{program}'. Install it (Debian: apt-get install {debianPackage}) " +
            $"or set {BinDirectoryVariable} to the folder that holds it.");

    /// <param name="searchPath">The folders searched first, in order.</param>
    /// <param name="debianRoot">The folder of Debian's versioned installations (one <c>&lt;major&gt;/bin</c> per version).</param>
    internal static string? Find(string program, IEnumerable<string> searchPath, string debianRoot)
    {
        foreach (var directory in searchPath)
        {
            var path = Path.Combine(directory, program);
            if (File.Exists(path))
            {
                // Debian links the client programs on the PATH to pg_wrapper, a Perl script that chooses a version and then
                // runs /usr/lib/postgresql/<major>/bin/<program>: 50-100 ms of start-up for each of the run's half-dozen
                // calls. Given the host (our calls always are), it chooses the newest installed version, as this does.
                return IsDebianWrapper(path) ? NewestInstalled(program, debianRoot) ?? path : path;
            }
        }

        return NewestInstalled(program, debianRoot);
    }

    private static bool IsDebianWrapper(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.Name == "pg_wrapper";

    private static IEnumerable<string> SearchPath()
    {
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            yield return configured;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }
    }

    private static string? NewestInstalled(string program, string debianRoot) =>
        !Directory.Exists(debianRoot)
            ? null
            : Directory.GetDirectories(debianRoot)
                .Select(directory => (Directory: directory, Version: int.TryParse(Path.GetFileName(directory), out var major) ? major : 0))
                .OrderByDescending(entry => entry.Version)
                .Select(entry => Path.Combine(entry.Directory, "bin", program))
                .FirstOrDefault(File.Exists);
}
