using System.Globalization;
using DataRefresh.Core.Verification;
using DataRefresh.Core.Yaml;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// The job file's <c>verify:</c> mapping: the leakage policy and the thresholds of the checks before cut-over. Omitted keys
/// keep <see cref="VerificationSettings.Default"/>.
/// </summary>
internal static class VerificationSettingsReader
{
    public static VerificationSettings Read(YamlFile file, YamlNode node)
    {
        var entries = file.Entries(
            file.Mapping(node, "'verify'"), "'verify'",
            "leakage", "maxUnchangedShare", "maxOriginalShare", "minLeakCount", "identifierDistinctShare", "minDistinct", "collapseMaxShare", "sampleCapacity");
        var settings = VerificationSettings.Default;
        foreach (var (key, (_, value)) in entries)
        {
            settings = key switch
            {
                "leakage" => settings with { Leakage = Policy(file, value) },
                "maxUnchangedShare" => settings with { MaxUnchangedShare = Share(file, value, key) },
                "maxOriginalShare" => settings with { MaxOriginalShare = Share(file, value, key) },
                "identifierDistinctShare" => settings with { IdentifierDistinctShare = Share(file, value, key) },
                "collapseMaxShare" => settings with { CollapseMaxShare = Share(file, value, key) },
                "minLeakCount" => settings with { MinLeakCount = file.Integer(value, key, 1, int.MaxValue) },
                "minDistinct" => settings with { MinDistinct = file.Integer(value, key, 1, int.MaxValue) },
                _ => settings with { SampleCapacity = file.Integer(value, key, 1024, 1 << 24) },
            };
        }

        return settings;
    }

    private static LeakagePolicy Policy(YamlFile file, YamlNode node) => file.Scalar(node, "leakage") switch
    {
        "fail" => LeakagePolicy.Fail,
        "warn" => LeakagePolicy.Warn,
        var other => throw file.Error(node, $"'leakage' is '{other}'; write fail (unchanged or original values stop the cut-over) or warn."),
    };

    /// <summary>A share from 0 to 1, written as a number (0.01) or a percentage (1%).</summary>
    private static double Share(YamlFile file, YamlNode node, string key)
    {
        var text = file.Scalar(node, key).Trim();
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
            || (percent ? share / 100 : share) is < 0 or > 1)
        {
            throw file.Error(node, $"'{key}' must be a share from 0 to 1, e.g. 0.01 or 1%.");
        }

        return percent ? share / 100 : share;
    }
}
