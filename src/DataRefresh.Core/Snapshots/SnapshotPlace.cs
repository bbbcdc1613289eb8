using System.Data.Common;
using DataRefresh.Core.Configuration;

namespace DataRefresh.Core.Snapshots;

/// <summary>
/// Where one snapshot lives: its own folder <c>&lt;snapshots&gt;/&lt;job&gt;/&lt;id&gt;</c> (readable by its owner only),
/// holding <c>manifest.json</c> and either the SQLite file or the tables' gzip CSV files. The run loads the SQLite file
/// like any SQLite target (side file, checks, rename); a CSV snapshot is written from it and the file removed.
/// </summary>
public sealed record SnapshotPlace(string Folder, string Job, string Id)
{
    public const string ManifestName = "manifest.json";

    public static SnapshotPlace For(string snapshotsFolder, string job, string id) => new(Path.Combine(snapshotsFolder, job, id), job, id);

    /// <summary>The name a snapshot job's runs give their target in history and logs.</summary>
    public static string TargetName(string job) => $"snapshot:{job}";

    public string DatabaseFile => Path.Combine(Folder, Job + ".sqlite");

    public string ManifestFile => Path.Combine(Folder, ManifestName);

    /// <summary>The SQLite file as the run's target environment.</summary>
    public EnvironmentSettings Target =>
        new(TargetName(Job), ProviderKind.Sqlite, new DbConnectionStringBuilder { ["Data Source"] = DatabaseFile }.ConnectionString, Production: false);

    /// <summary>Creates the folder (and the job's folder above it) with access for the owner only.</summary>
    public void Create()
    {
        foreach (var folder in new[] { Path.GetDirectoryName(Folder)!, Folder })
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
