using System.Security.Cryptography;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Schema;

namespace DataRefresh.Snapshots.Csv;

/// <summary>The files of a snapshot: their names, created readable by their owner only, and their SHA-256.</summary>
internal static class SnapshotFiles
{
    /// <summary>A table's CSV file name: schema and table, with any character a file name cannot hold replaced.</summary>
    public static string CsvName(QualifiedName table)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string([.. $"{table.Schema}.{table.Name}".Select(character => invalid.Contains(character) || character == '\\' ? '_' : character)]);
        return safe + ".csv.gz";
    }

    /// <summary>A new file for writing that only its owner can read; an existing one is an error (snapshots are written once).</summary>
    public static FileStream CreatePrivate(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    public static AuditFile Hash(string folder, string name)
    {
        using var stream = File.OpenRead(Path.Combine(folder, name));
        return new AuditFile(name, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
