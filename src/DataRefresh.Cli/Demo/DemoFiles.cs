namespace DataRefresh.Cli.Demo;

/// <summary>
/// The repository's sample job (<c>jobs/nightly-staging.yaml</c>), its rules and its after step, built into the program so
/// the demo runs from any folder; written out with the same layout, since the job names its files relative to itself.
/// </summary>
internal static class DemoFiles
{
    private const string Prefix = "demo/";

    /// <summary>Writes the files under <paramref name="folder"/>; returns the job's path.</summary>
    public static string WriteTo(string folder)
    {
        var assembly = typeof(DemoFiles).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var path = Path.Combine(folder, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var resource = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(path);
            resource.CopyTo(file);
        }

        return Path.Combine(folder, "jobs", "nightly-staging.yaml");
    }
}
