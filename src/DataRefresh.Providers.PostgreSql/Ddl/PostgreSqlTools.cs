using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// Finds PostgreSQL's client and server programs: <c>DATAREFRESH_PG_BIN</c> if set, then the PATH, then Debian's
/// versioned folders under /usr/lib/postgresql (newest first: pg_dump must be at least as new as the server).
/// </summary>
public static class PostgreSqlTools
{
    public const string BinDirectoryVariable = "DATAREFRESH_PG_BIN";

    /// <summary>The path of <paramref name="program"/>; when it is missing, the error names the Debian package that ships it.</summary>
    public static string Find(string program, string debianPackage = "postgresql-client")
    {
        foreach (var directory in CandidateDirectories())
        {
            var path = Path.Combine(directory, program);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DataRefreshException(
            ExitCodes.ExternalToolFailed,
            $"Cannot find the PostgreSQL program '{program}'. Install it (Debian: apt-get install {debianPackage}) " +
            $"or set {BinDirectoryVariable} to the folder that holds it.");
    }

    private static IEnumerable<string> CandidateDirectories()
    {
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            yield return configured;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var versions = Directory.GetDirectories(debianRoot)
                .Select(directory => (Directory: directory, Version: int.TryParse(Path.GetFileName(directory), out var major) ? major : 0))
                .OrderByDescending(entry => entry.Version);
            foreach (var (directory, _) in versions)
            {
                yield return Path.Combine(directory, "bin");
            }
        }
    }
}
