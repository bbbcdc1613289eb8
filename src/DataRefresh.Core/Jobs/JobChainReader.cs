using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Reads the <c>then:</c> list of a job: copies made from its target after it succeeded, each a job mapping of its own
/// that may list further copies.
/// </summary>
internal static class JobChainReader
{
    public static IReadOnlyList<JobDefinition> Read(
        YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries, JobDefinition upstream, JobChainUniqueness uniqueness)
    {
        if (!entries.TryGetValue("then", out var thenEntry))
        {
            return [];
        }

        var copies = new List<JobDefinition>();
        foreach (var node in file.Sequence(thenEntry.Value, "then"))
        {
            var copy = ReadCopy(file, file.Mapping(node, "a 'then:' entry"), upstream, uniqueness, out var copyEntries);
            copies.Add(copy with { Then = Read(file, copyEntries, copy, uniqueness) });
        }

        return copies;
    }

    private static JobDefinition ReadCopy(
        YamlFile file, YamlMappingNode mapping, JobDefinition upstream, JobChainUniqueness uniqueness,
        out IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries)
    {
        foreach (var keyNode in mapping.Children.Keys)
        {
            if (keyNode is YamlScalarNode { Value: { } key } && WhyNotInACopy(key, upstream) is { } why)
            {
                throw file.Error(keyNode, $"'{key}' is not allowed in a 'then:' entry: {why}; remove it.");
            }
        }

        entries = file.Entries(mapping, "a 'then:' entry", JobFileLoader.CopyKeys);
        if (!entries.TryGetValue("target", out var targetEntry))
        {
            throw file.Error(mapping, "a 'then:' entry has no 'target'; add e.g. 'target: dev'.");
        }

        var target = file.Scalar(targetEntry.Value, "target");
        var (name, nameAt) = entries.TryGetValue("name", out var nameEntry)
            ? (file.Scalar(nameEntry.Value, "name"), file.LocationOf(nameEntry.Value))
            : ($"{upstream.Name}-{target}", file.LocationOf(mapping));
        var copy = JobFileLoader.Read(file, entries, upstream, name, nameAt, upstream.Target, file.LocationOf(mapping), target, file.LocationOf(targetEntry.Value));
        uniqueness.Add(copy);
        return copy;
    }

    /// <summary>Keys of a job that a copy cannot have, and why: each would contradict what makes it a copy.</summary>
    private static string? WhyNotInACopy(string key, JobDefinition upstream) => key switch
    {
        "source" => $"a copy always reads its upstream's target ('{upstream.Target}')",
        "schedule" or "timeZone" or "misfire" => $"a copy runs when its upstream '{upstream.Name}' succeeded, not on a schedule of its own",
        "enabled" => $"a copy runs whenever its upstream '{upstream.Name}' succeeded; to stop it, remove or comment out its entry",
        _ => null,
    };
}
