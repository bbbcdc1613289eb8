using System.Text.RegularExpressions;

namespace DataRefresh.Cli.Tests.Console;

internal static partial class PrometheusText
{
    /// <summary>Prometheus' text format, strictly: comments are HELP or TYPE, every other line a series and a number.</summary>
    public static Dictionary<string, double> Parse(string exposition)
    {
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches(@"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$", line);
                continue;
            }

            var match = SeriesLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus series line: {line}");
            series[match.Groups[1].Value] = double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return series;
    }

    [GeneratedRegex("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (-?[0-9.eE+-]+|NaN|[+-]Inf)$")]
    private static partial Regex SeriesLine();
}
