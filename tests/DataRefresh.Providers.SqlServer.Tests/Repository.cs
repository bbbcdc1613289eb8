namespace DataRefresh.Providers.SqlServer.Tests;

/// <summary>Where the repository's files are, from the test's output directory.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataRefresh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (DataRefresh.sln) is not above the test's directory.");
    }
}
