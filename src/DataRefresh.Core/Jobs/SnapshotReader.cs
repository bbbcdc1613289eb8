using DataRefresh.Core.Snapshots;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>The job file's <c>snapshot:</c> mapping (<c>format</c>, <c>ttl</c>).</summary>
internal static class SnapshotReader
{
    public static SnapshotDefinition Read(YamlFile file, YamlNode node)
    {
        var entries = file.Entries(file.Mapping(node, "'snapshot'"), "'snapshot'", "format", "ttl");
        var format = SnapshotFormat.Sqlite;
        if (entries.TryGetValue("format", out var formatEntry))
        {
            format = file.Scalar(formatEntry.Value, "format") switch
            {
                "sqlite" => SnapshotFormat.Sqlite,
                "csv" => SnapshotFormat.Csv,
                "environment" => throw file.Error(formatEntry.Value, "a snapshot into a database is a job with 'target: <environment>' and a 'subset:'; remove 'snapshot:' and name the target."),
                var other => throw file.Error(formatEntry.Value, $"'format' is '{other}'; write sqlite (one file) or csv (a folder of gzip CSV files with a manifest)."),
            };
        }

        var ttl = SnapshotDefinition.DefaultTtl;
        if (entries.TryGetValue("ttl", out var ttlEntry)
            && (!DurationText.TryParse(file.Scalar(ttlEntry.Value, "ttl"), out ttl) || ttl < TimeSpan.FromMinutes(1)))
        {
            throw file.Error(ttlEntry.Value, "'ttl' must be a duration of at least a minute, e.g. 12h or 7d.");
        }

        return new SnapshotDefinition(format, ttl, file.LocationOf(node));
    }
}
