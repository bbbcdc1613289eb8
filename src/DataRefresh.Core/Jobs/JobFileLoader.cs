using DataRefresh.Core.Errors;
using DataRefresh.Core.Snapshots;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>Reads a job file and the copies its <c>then:</c> lists; unknown keys are located errors, like in rule files.</summary>
public static class JobFileLoader
{
    /// <summary>The keys of a job that also make sense for a copy made after its upstream (a <c>then:</c> entry).</summary>
    internal static readonly string[] CopyKeys =
        ["name", "target", "rules", "parallelism", "batchSize", "keepOwnership", "after", "keepPrevious", "verify", "retries", "timeout", "whenBusy", "then"];

    private static readonly string[] JobKeys =
        ["name", "source", "target", "rules", "parallelism", "batchSize", "keepOwnership", "after", "keepPrevious", "verify", "then", "subset", "snapshot", "requireApprovedRules", .. JobScheduleReader.Keys];

    public static JobDefinition Load(string path)
    {
        var file = YamlFile.Load(path, "job file");
        var entries = file.Entries(file.Root, "a job file", JobKeys);

        (string Value, SourceLocation At) RequiredText(string key, string example) =>
            entries.TryGetValue(key, out var entry)
                ? (file.Scalar(entry.Value, key), file.LocationOf(entry.Value))
                : throw file.Error(file.Root, $"the job file has no '{key}'; add e.g. '{example}'.");

        var (name, nameAt) = entries.TryGetValue("name", out var nameEntry)
            ? (file.Scalar(nameEntry.Value, "name"), file.LocationOf(nameEntry.Value))
            : (Path.GetFileNameWithoutExtension(path), file.LocationOf(file.Root));
        var (source, sourceAt) = RequiredText("source", "source: prod");
        var snapshot = entries.TryGetValue("snapshot", out var snapshotEntry) ? SnapshotReader.Read(file, snapshotEntry.Value) : null;
        if (snapshot is not null)
        {
            // A snapshot's product is a file under the snapshots folder, not an environment; copies of it are not made.
            foreach (var key in new[] { "target", "then", "keepPrevious" })
            {
                if (entries.TryGetValue(key, out var entry))
                {
                    throw file.Error(entry.Key, $"a snapshot job writes its file under the snapshots folder, so '{key}' does not apply; remove it (for a database, drop 'snapshot:' and name the target).");
                }
            }
        }

        var (target, targetAt) = snapshot is null ? RequiredText("target", "target: staging") : (SnapshotPlace.TargetName(name), snapshot.At);
        if (string.Equals(source, target, StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(entries["target"].Value, $"source and target are both '{source}'; a refresh needs a different target.");
        }

        var job = Read(file, entries, null, name, nameAt, source, sourceAt, target, targetAt) with
        {
            Schedule = JobScheduleReader.ReadSchedule(file, entries),
            Enabled = JobScheduleReader.ReadEnabled(file, entries),
            Subset = entries.TryGetValue("subset", out var subset) ? SubsetReader.Read(file, subset.Value) : null,
            Snapshot = snapshot,
            ApprovalRequiredAt = TrueOrFalse(file, entries, "requireApprovedRules", false) ? file.LocationOf(entries["requireApprovedRules"].Key) : null,
        };
        return job with { Then = JobChainReader.Read(file, entries, job, new JobChainUniqueness(job)) };
    }

    /// <summary>
    /// The keys a top-level job and a copy share, read from either mapping. A copy inherits parallelism, batch size and
    /// ownership from its upstream: the same databases on the same servers usually want the same settings.
    /// </summary>
    internal static JobDefinition Read(
        YamlFile file,
        IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries,
        JobDefinition? upstream,
        string name,
        SourceLocation nameAt,
        string source,
        SourceLocation sourceAt,
        string target,
        SourceLocation targetAt)
    {
        var folder = Path.GetDirectoryName(file.Path) ?? ".";
        var rules = new List<string>();
        if (entries.TryGetValue("rules", out var rulesEntry))
        {
            foreach (var ruleNode in file.Sequence(rulesEntry.Value, "rules"))
            {
                // Relative paths are relative to the job file, so a job runs the same from any working directory; they are
                // shown relative to where the user stands. Absolute paths stay as written.
                var rulePath = file.Scalar(ruleNode, "a rule file path");
                rules.Add(Path.IsPathRooted(rulePath)
                    ? rulePath
                    : Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(Path.Combine(folder, rulePath))));
            }
        }

        var parallelism = entries.TryGetValue("parallelism", out var parallelismEntry)
            ? file.Integer(parallelismEntry.Value, "parallelism", 1, 64)
            : upstream?.Parallelism ?? JobDefinition.DefaultParallelism;
        var batchSize = entries.TryGetValue("batchSize", out var batchEntry)
            ? file.Integer(batchEntry.Value, "batchSize", 1, 1_000_000)
            : upstream?.BatchSize ?? JobDefinition.DefaultBatchSize;

        return new JobDefinition(
            name,
            file.Path,
            source,
            sourceAt,
            target,
            targetAt,
            rules,
            parallelism,
            batchSize,
            TrueOrFalse(file, entries, "keepOwnership", upstream?.KeepOwnership ?? true),
            TrueOrFalse(file, entries, "keepPrevious", false))
        {
            NameAt = nameAt,
            Upstream = upstream?.Name,
            After = entries.TryGetValue("after", out var afterEntry) ? AfterStepReader.Read(file, afterEntry.Value, folder) : [],
            Verify = entries.TryGetValue("verify", out var verifyEntry) ? VerificationSettingsReader.Read(file, verifyEntry.Value) : Verification.VerificationSettings.Default,
            Retries = JobScheduleReader.ReadRetries(file, entries),
            Timeout = JobScheduleReader.ReadTimeout(file, entries),
            WhenBusy = JobScheduleReader.ReadWhenBusy(file, entries),
        };
    }

    private static bool TrueOrFalse(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries, string key, bool absent)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            return absent;
        }

        return bool.TryParse(file.Scalar(entry.Value, key), out var value) ? value : throw file.Error(entry.Value, $"'{key}' must be true or false.");
    }
}
