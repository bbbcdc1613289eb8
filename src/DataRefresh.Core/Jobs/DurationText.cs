using System.Text.RegularExpressions;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Durations as written in job files: whole numbers with a unit, largest unit first, no spaces — <c>2h</c>, <c>90m</c>,
/// <c>1h30m</c>, <c>1d</c>, <c>45s</c> (units d, h, m, s). Deliberately smaller than ISO 8601 or TimeSpan's "hh:mm:ss",
/// which are easy to misread in YAML (<c>02:00</c> is read as a sexagesimal number by YAML 1.1 tools).
/// </summary>
public static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return false;
        }

        try
        {
            duration = TimeSpan.FromDays(Part(match, "d")) + TimeSpan.FromHours(Part(match, "h"))
                + TimeSpan.FromMinutes(Part(match, "m")) + TimeSpan.FromSeconds(Part(match, "s"));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The duration in the same notation, e.g. <c>1h30m</c>; whole seconds.</summary>
    public static string Format(TimeSpan duration)
    {
        var text = (duration.Days > 0 ? $"{duration.Days}d" : "") + (duration.Hours > 0 ? $"{duration.Hours}h" : "")
            + (duration.Minutes > 0 ? $"{duration.Minutes}m" : "") + (duration.Seconds > 0 ? $"{duration.Seconds}s" : "");
        return text.Length > 0 ? text : "0s";
    }

    private static long Part(Match match, string unit) =>
        match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?:(?<d>\d{1,4})d)?(?:(?<h>\d{1,5})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,7})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
