namespace DataRefresh.Web.Hosting;

/// <summary>The stylesheet, embedded in this assembly: the console ships as part of the tool, with no files beside it.</summary>
internal static class ConsoleAssets
{
    public static string Css { get; } = Read("DataRefresh.Web.console.css");

    private static string Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
