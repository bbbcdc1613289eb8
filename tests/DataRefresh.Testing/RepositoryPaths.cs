namespace DataRefresh.Testing;

/// <summary>Paths inside the repository, found from the test binaries, so tests use the real sample files.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules(string file) => Path.Combine(Root, "rules", file);

    public static string Jobs(string file) => Path.Combine(Root, "jobs", file);

    /// <summary>The sample CRM database script with its row count filled in.</summary>
    public static string SampleDatabaseScript(int customers) =>
        File.ReadAllText(Path.Combine(Root, "src", "DataRefresh.Cli", "Demo", "crm-prod.sql"))
            .Replace(":customers", customers.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataRefresh.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find DataRefresh.sln above the test binaries.");
    }
}
