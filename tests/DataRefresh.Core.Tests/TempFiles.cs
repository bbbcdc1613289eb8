namespace DataRefresh.Core.Tests;

/// <summary>Writes YAML or JSON for a test into a temporary folder that is removed afterwards.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("datarefresh-test-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
