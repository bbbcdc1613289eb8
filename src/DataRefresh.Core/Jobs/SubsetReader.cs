using System.Globalization;
using DataRefresh.Core.Planning.Subsets;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// The job file's <c>subset:</c> mapping (<c>roots</c>, <c>children</c>, <c>unreached</c>, <c>whole</c>, <c>empty</c>).
/// Table names are checked against the source when the run plans, where they can be.
/// </summary>
internal static class SubsetReader
{
    public static SubsetDefinition Read(YamlFile file, YamlNode node)
    {
        var entries = file.Entries(file.Mapping(node, "'subset'"), "'subset'", "roots", "children", "unreached", "whole", "empty");
        if (!entries.TryGetValue("roots", out var rootsEntry))
        {
            throw file.Error(node, "'subset' has no 'roots'; add e.g. 'roots: [{ table: customers, percent: 5 }]'.");
        }

        var roots = file.Sequence(rootsEntry.Value, "roots").Select(root => ReadRoot(file, root)).ToList();
        if (roots.Count == 0)
        {
            throw file.Error(rootsEntry.Value, "'roots' is empty; name at least one table whose rows the subset starts from.");
        }

        var policies = new List<SubsetTablePolicy>();
        foreach (var (key, policy) in new[] { ("whole", UnreachedPolicy.Whole), ("empty", UnreachedPolicy.Empty) })
        {
            if (entries.TryGetValue(key, out var entry))
            {
                policies.AddRange(file.Sequence(entry.Value, key).Select(table => new SubsetTablePolicy(file.Scalar(table, "a table name"), policy, file.LocationOf(table))));
            }
        }

        return new SubsetDefinition(
            roots,
            entries.TryGetValue("children", out var children) ? file.Integer(children.Value, "children", 0, 16) : 0,
            entries.TryGetValue("unreached", out var unreached) ? Policy(file, unreached.Value) : UnreachedPolicy.Empty,
            policies,
            file.LocationOf(node));
    }

    private static SubsetRoot ReadRoot(YamlFile file, YamlNode node)
    {
        var entries = file.Entries(file.Mapping(node, "a subset root"), "a subset root", "table", "where", "percent", "limit");
        if (!entries.TryGetValue("table", out var table))
        {
            throw file.Error(node, "a subset root has no 'table'; add e.g. 'table: customers'.");
        }

        double? percent = null;
        if (entries.TryGetValue("percent", out var percentEntry))
        {
            var text = file.Scalar(percentEntry.Value, "percent").TrimEnd('%');
            percent = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 100
                ? value
                : throw file.Error(percentEntry.Value, "'percent' must be a number above 0 and at most 100, e.g. 5 or 0.5.");
        }

        long? limit = entries.TryGetValue("limit", out var limitEntry) ? file.Integer(limitEntry.Value, "limit", 1, int.MaxValue) : null;
        if (percent is not null && limit is not null)
        {
            throw file.Error(limitEntry.Key, "a subset root has both 'percent' and 'limit'; choose one.");
        }

        var where = entries.TryGetValue("where", out var whereEntry) ? file.Scalar(whereEntry.Value, "where") : null;
        return new SubsetRoot(file.Scalar(table.Value, "table"), where, percent, limit, file.LocationOf(node));
    }

    private static UnreachedPolicy Policy(YamlFile file, YamlNode node) => file.Scalar(node, "unreached") switch
    {
        "empty" => UnreachedPolicy.Empty,
        "whole" => UnreachedPolicy.Whole,
        var other => throw file.Error(node, $"'unreached' is '{other}'; write empty (tables the closure does not reach get no rows) or whole."),
    };
}
