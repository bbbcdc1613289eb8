namespace DataRefresh.Core.Tests;

/// <summary>The repository's own sample rule and job files, which the tests read as users would.</summary>
internal static class SampleFiles
{
    public static string Root { get; } = FindRoot();

    public static string CrmRules => Path.Combine(Root, "rules", "crm.yaml");

    public static string NightlyJob => Path.Combine(Root, "jobs", "nightly-staging.yaml");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "DataRefresh.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
