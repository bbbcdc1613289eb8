using System.Globalization;
using System.Text;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli.Output;

/// <summary>
/// The files commands create for people to read and edit (drafted rules, jobs, settings): UTF-8 without a byte-order
/// mark, "\n" line ends, folders made as needed, and an existing file replaced only when asked.
/// </summary>
internal static class FileWriting
{
    /// <summary>Refuses a file that exists unless <paramref name="overwrite"/>; commands call it before their work, so a refusal costs nothing.</summary>
    public static void EnsureWritable(string path, bool overwrite)
    {
        if (File.Exists(path) && !overwrite)
        {
            throw new DataRefreshException(ExitCodes.Usage, $"'{path}' already exists; pass --force to replace it, or choose another file.");
        }
    }

    public static void Create(string path, Action<TextWriter> write, bool overwrite)
    {
        EnsureWritable(path, overwrite);
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(text);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
