using System.Text.Json;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Snapshots;
using DataRefresh.Snapshots.Csv;

namespace DataRefresh.Snapshots.Source;

/// <summary>
/// A snapshot folder opened for reading: its manifest, after every file it lists was checked against its SHA-256, so a
/// restore never loads a file that was altered, truncated or swapped.
/// </summary>
internal sealed record SnapshotFolder(string Path, SnapshotManifest Manifest)
{
    public static SnapshotFolder Open(string path)
    {
        var folder = System.IO.Path.GetFullPath(path);
        var manifestFile = System.IO.Path.Combine(folder, SnapshotPlace.ManifestName);
        if (!File.Exists(manifestFile))
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{folder} is not a snapshot: it has no {SnapshotPlace.ManifestName}; pass the folder a snapshot job wrote (see 'datarefresh snapshot list').");
        }

        SnapshotManifest manifest;
        try
        {
            manifest = SnapshotManifest.FromJson(File.ReadAllText(manifestFile));
        }
        catch (JsonException error)
        {
            // The reader's message names a path and position in the manifest, which holds no row value.
            throw new DataRefreshException(ExitCodes.Configuration, $"{manifestFile} is not a valid snapshot manifest ({error.Path ?? "document"}: {error.GetType().Name}); the snapshot cannot be read.");
        }

        if (manifest.Format != SnapshotManifest.CurrentFormat)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{manifestFile} has manifest format {manifest.Format}; this version reads format {SnapshotManifest.CurrentFormat}.");
        }

        if (manifest.Kind != "csv")
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{folder} is a {manifest.Kind} snapshot; restore reads CSV snapshots (a SQLite snapshot is a database: name it as a source environment with Provider Sqlite).");
        }

        foreach (var file in manifest.Files)
        {
            var actual = File.Exists(System.IO.Path.Combine(folder, file.Path)) ? SnapshotFiles.Hash(folder, file.Path).Sha256 : null;
            if (actual != file.Sha256)
            {
                throw new DataRefreshException(
                    ExitCodes.Configuration,
                    $"{System.IO.Path.Combine(folder, file.Path)} {(actual is null ? "is missing" : "does not match the SHA-256 its manifest gives")}; the snapshot is incomplete or was altered, so nothing was loaded.");
            }
        }

        return new SnapshotFolder(folder, manifest);
    }
}
