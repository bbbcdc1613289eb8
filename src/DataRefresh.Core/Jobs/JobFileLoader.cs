using DataRefresh.Core.Yaml;

namespace DataRefresh.Core.Jobs;

/// <summary>Reads a job file; unknown keys are located errors, like in rule files.</summary>
public static class JobFileLoader
{
    private static readonly string[] JobKeys = ["name", "source", "target", "rules", "parallelism", "batchSize", "keepOwnership", "after", "keepPrevious", "verify"];

    public static JobDefinition Load(string path)
    {
        var file = YamlFile.Load(path, "job file");
        var entries = file.Entries(file.Root, "a job file", [.. JobKeys, .. JobScheduleReader.Keys]);

        string RequiredText(string key, string example) =>
            entries.TryGetValue(key, out var entry)
                ? file.Scalar(entry.Value, key)
                : throw file.Error(file.Root, $"the job file has no '{key}'; add e.g. '{example}'.");

        var name = entries.TryGetValue("name", out var nameEntry)
            ? file.Scalar(nameEntry.Value, "name")
            : Path.GetFileNameWithoutExtension(path);

        var source = RequiredText("source", "source: prod");
        var target = RequiredText("target", "target: staging");
        if (string.Equals(source, target, StringComparison.OrdinalIgnoreCase))
        {
            throw file.Error(entries["target"].Value, $"source and target are both '{source}'; a refresh needs a different target.");
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
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
            : JobDefinition.DefaultParallelism;
        var batchSize = entries.TryGetValue("batchSize", out var batchEntry)
            ? file.Integer(batchEntry.Value, "batchSize", 1, 1_000_000)
            : JobDefinition.DefaultBatchSize;
        var keepOwnership = true;
        if (entries.TryGetValue("keepOwnership", out var ownershipEntry) && !bool.TryParse(file.Scalar(ownershipEntry.Value, "keepOwnership"), out keepOwnership))
        {
            throw file.Error(ownershipEntry.Value, "'keepOwnership' must be true or false.");
        }

        var after = entries.TryGetValue("after", out var afterEntry) ? AfterStepReader.Read(file, afterEntry.Value, folder) : [];
        var keepPrevious = false;
        if (entries.TryGetValue("keepPrevious", out var previousEntry) && !bool.TryParse(file.Scalar(previousEntry.Value, "keepPrevious"), out keepPrevious))
        {
            throw file.Error(previousEntry.Value, "'keepPrevious' must be true or false.");
        }

        return new JobDefinition(
            name,
            path,
            source,
            file.LocationOf(entries["source"].Value),
            target,
            file.LocationOf(entries["target"].Value),
            rules,
            parallelism,
            batchSize,
            keepOwnership,
            keepPrevious)
        {
            After = after,
            Verify = entries.TryGetValue("verify", out var verifyEntry) ? VerificationSettingsReader.Read(file, verifyEntry.Value) : Verification.VerificationSettings.Default,
            Schedule = JobScheduleReader.ReadSchedule(file, entries),
            Enabled = JobScheduleReader.ReadEnabled(file, entries),
            Retries = JobScheduleReader.ReadRetries(file, entries),
            Timeout = JobScheduleReader.ReadTimeout(file, entries),
            WhenBusy = JobScheduleReader.ReadWhenBusy(file, entries),
        };
    }
}
