namespace DataRefresh.Cli.Demo;

/// <summary>
/// The repository's sample jobs (<c>jobs/demo-sqlite.yaml</c>, <c>jobs/nightly-staging.yaml</c>), their rules and after
/// steps, built into the program so the demo runs from any folder; written out with the same layout, since a job names its
/// files relative to itself.
/// </summary>
internal static class DemoFiles
{
    private const string Prefix = "demo/";

    /// <summary>Writes the files under <paramref name="folder"/>; returns the path of <paramref name="job"/> (relative to the folder).</summary>
    public static string WriteTo(string folder, string job)
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

        return Path.Combine(folder, job);
    }
}
