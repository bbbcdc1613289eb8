using System.Text;

namespace DataRefresh.Cli.Setup;

/// <summary>Writes the files <c>init</c> creates: folders made as needed, UTF-8 without a byte-order mark, "\n" lines.</summary>
internal static class FileWriting
{
    public static void Create(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
