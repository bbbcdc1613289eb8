using System.Text.Json;

namespace DataRefresh.Core.Snapshots;

/// <summary>
/// The snapshots under the snapshots folder, as their manifests describe them (<c>&lt;folder&gt;/&lt;job&gt;/&lt;id&gt;/manifest.json</c>),
/// and the removal of expired ones. Only folders DataRefresh wrote are touched: a folder is removed only when its
/// manifest says it expired and it holds nothing but the manifest and the files the manifest lists.
/// </summary>
public static class SnapshotCatalog
{
    public sealed record Entry(string Folder, SnapshotManifest Manifest);

    /// <summary>Every readable snapshot, newest first; folders without a valid manifest (one being written) are skipped.</summary>
    public static IReadOnlyList<Entry> List(string snapshotsFolder)
    {
        if (!Directory.Exists(snapshotsFolder))
        {
            return [];
        }

        var entries = new List<Entry>();
        foreach (var manifestFile in Directory.EnumerateFiles(snapshotsFolder, SnapshotPlace.ManifestName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 }))
        {
            try
            {
                entries.Add(new Entry(Path.GetDirectoryName(manifestFile)!, SnapshotManifest.FromJson(File.ReadAllText(manifestFile))));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
            {
                // Not readable now (being written, or not ours): listed by nobody, removed by nobody.
            }
        }

        return [.. entries.OrderByDescending(entry => entry.Manifest.CreatedAt)];
    }

    /// <summary>Removes the snapshots whose expiry time has passed; returns the folders removed.</summary>
    public static IReadOnlyList<string> RemoveExpired(string snapshotsFolder, DateTimeOffset now, Serilog.ILogger logger)
    {
        var removed = new List<string>();
        foreach (var entry in List(snapshotsFolder).Where(entry => entry.Manifest.HasExpired(now)))
        {
            var ours = entry.Manifest.Files.Select(file => file.Path).Append(SnapshotPlace.ManifestName).ToHashSet(StringComparer.Ordinal);
            var present = Directory.EnumerateFileSystemEntries(entry.Folder).Select(Path.GetFileName).ToList();
            if (present.Any(name => !ours.Contains(name!)))
            {
                logger.Warning("Snapshot {Folder} expired but holds files it did not write; left in place", entry.Folder);
                continue;
            }

            try
            {
                foreach (var name in present)
                {
                    File.Delete(Path.Combine(entry.Folder, name!));
                }

                Directory.Delete(entry.Folder);
                removed.Add(entry.Folder);
                logger.Information("Snapshot {Folder} of job {Job} expired at {Expires:u}; removed", entry.Folder, entry.Manifest.Job, entry.Manifest.ExpiresAt);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.Warning("Snapshot {Folder} expired but could not be removed ({Error}); trying again later", entry.Folder, exception.GetType().Name);
            }
        }

        return removed;
    }
}
