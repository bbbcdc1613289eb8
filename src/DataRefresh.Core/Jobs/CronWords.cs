namespace DataRefresh.Core.Jobs;

/// <summary>
/// Puts the common shapes of a cron expression into words (a fixed time every day, or on some days of the week);
/// anything else is shown as the expression itself, because a wrong paraphrase is worse than none.
/// </summary>
internal static class CronWords
{
    public static string Describe(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7 || (fields.Length == 7 && fields[6] != "*"))
        {
            return $"cron \"{cron}\"";
        }

        if (!IsNumber(fields[0], 59) || !IsNumber(fields[1], 59) || !IsNumber(fields[2], 23) || fields[4] != "*")
        {
            return $"cron \"{cron}\"";
        }

        var time = int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture) == 0
            ? $"{fields[2].PadLeft(2, '0')}:{fields[1].PadLeft(2, '0')}"
            : $"{fields[2].PadLeft(2, '0')}:{fields[1].PadLeft(2, '0')}:{fields[0].PadLeft(2, '0')}";
        return (fields[3], fields[5]) switch
        {
            ("*" or "?", "*" or "?") => $"every day at {time}",
            ("?", var days) when days.All(character => char.IsAsciiLetterUpper(character) || character is ',' or '-') => $"on {days} at {time}",
            _ => $"cron \"{cron}\"",
        };
    }

    private static bool IsNumber(string field, int maximum) =>
        int.TryParse(field, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= maximum;
}
