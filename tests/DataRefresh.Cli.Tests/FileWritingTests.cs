using System.Text;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli.Tests;

/// <summary>The files commands write for people (drafted rules, jobs, settings): never replaced unless asked.</summary>
public sealed class FileWritingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datarefresh-files-").FullName;

    [Fact]
    public void An_existing_file_is_replaced_only_when_asked_and_folders_are_made()
    {
        var path = Path.Combine(folder, "rules", "draft.yaml");

        FileWriting.Create(path, output => output.WriteLine("first"), overwrite: false);

        Assert.Equal("first\n", File.ReadAllText(path));
        var refused = Assert.Throws<DataRefreshException>(() => FileWriting.Create(path, output => output.WriteLine("second"), overwrite: false));
        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("already exists; pass --force to replace it", refused.Message, StringComparison.Ordinal);
        Assert.Equal("first\n", File.ReadAllText(path));
        FileWriting.Create(path, output => output.WriteLine("second"), overwrite: true);
        Assert.Equal("second\n", File.ReadAllText(path));
        Assert.False(File.ReadAllBytes(path).AsSpan().StartsWith(Encoding.UTF8.Preamble));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
