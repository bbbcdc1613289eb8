using DataRefresh.Core.Yaml;
using Quartz;
using YamlDotNet.RepresentationModel;

namespace DataRefresh.Core.Jobs;

/// <summary>Reads the scheduling keys of a job file: <c>schedule</c>, <c>timeZone</c>, <c>misfire</c>, <c>enabled</c>, <c>retries</c>, <c>timeout</c>, <c>whenBusy</c>.</summary>
internal static class JobScheduleReader
{
    public static readonly string[] Keys = ["schedule", "timeZone", "misfire", "enabled", "retries", "timeout", "whenBusy"];

    public const int MaxRetries = 10;

    /// <summary>The longest timeout accepted; longer is more likely a typo (900h) than a refresh.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(7);

    public static JobSchedule? ReadSchedule(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries)
    {
        if (!entries.TryGetValue("schedule", out var scheduleEntry))
        {
            // Without a schedule these keys would silently do nothing; a key that does nothing must not pass as set.
            foreach (var key in new[] { "timeZone", "misfire" })
            {
                if (entries.TryGetValue(key, out var orphan))
                {
                    throw file.Error(orphan.Key, $"'{key}' only applies to a scheduled job; add e.g. 'schedule: \"0 0 2 * * ?\"' or remove '{key}'.");
                }
            }

            return null;
        }

        var cron = file.Scalar(scheduleEntry.Value, "schedule").Trim();
        var timeZone = entries.TryGetValue("timeZone", out var zoneEntry) ? ReadTimeZone(file, zoneEntry.Value) : TimeZoneInfo.Utc;
        try
        {
            _ = new CronExpression(cron, timeZone);
        }
        catch (FormatException exception)
        {
            throw file.Error(scheduleEntry.Value, $"'schedule' is not a Quartz cron expression: {CronProblem(exception.Message)}; " +
                "write six fields, seconds first, e.g. \"0 0 2 * * ?\" (02:00 every day) or \"0 30 1 ? * MON-FRI\".");
        }

        var misfire = MisfirePolicy.Skip;
        if (entries.TryGetValue("misfire", out var misfireEntry))
        {
            misfire = file.Scalar(misfireEntry.Value, "misfire") switch
            {
                "skip" => MisfirePolicy.Skip,
                "run-once" => MisfirePolicy.RunOnce,
                var other => throw file.Error(misfireEntry.Value, $"'misfire' is '{other}'; write skip (wait for the next firing) or run-once."),
            };
        }

        return new JobSchedule(cron, timeZone, misfire, file.LocationOf(scheduleEntry.Value));
    }

    public static bool ReadEnabled(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries)
    {
        var enabled = true;
        if (entries.TryGetValue("enabled", out var entry) && !bool.TryParse(file.Scalar(entry.Value, "enabled"), out enabled))
        {
            throw file.Error(entry.Value, "'enabled' must be true or false.");
        }

        return enabled;
    }

    public static int ReadRetries(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries) =>
        entries.TryGetValue("retries", out var entry) ? file.Integer(entry.Value, "retries", 0, MaxRetries) : 0;

    public static TimeSpan? ReadTimeout(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries)
    {
        if (!entries.TryGetValue("timeout", out var entry))
        {
            return null;
        }

        var text = file.Scalar(entry.Value, "timeout").Trim();
        if (!DurationText.TryParse(text, out var timeout) || timeout < TimeSpan.FromMinutes(1) || timeout > MaxTimeout)
        {
            throw file.Error(entry.Value, $"'timeout' is '{text}'; write a duration from 1m to 7d with units d, h, m, s, largest first, e.g. 2h, 90m or 1h30m.");
        }

        return timeout;
    }

    public static BusyPolicy ReadWhenBusy(YamlFile file, IReadOnlyDictionary<string, (YamlNode Key, YamlNode Value)> entries) =>
        !entries.TryGetValue("whenBusy", out var entry)
            ? BusyPolicy.Wait
            : file.Scalar(entry.Value, "whenBusy") switch
            {
                "wait" => BusyPolicy.Wait,
                "skip" => BusyPolicy.Skip,
                var other => throw file.Error(entry.Value, $"'whenBusy' is '{other}'; write wait (run once the target is free) or skip (leave this firing out)."),
            };

    private static TimeZoneInfo ReadTimeZone(YamlFile file, YamlNode node)
    {
        var id = file.Scalar(node, "timeZone").Trim();
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw file.Error(node, $"'timeZone' is '{id}', which this system does not know; write an IANA time zone id such as UTC, Europe/Berlin or America/New_York.");
        }
    }

    /// <summary>Quartz's own advice, without its last hint, which names a C# API a job file cannot use.</summary>
    private static string CronProblem(string message)
    {
        var csharpHint = message.IndexOf(" Or read it as written", StringComparison.Ordinal);
        return (csharpHint >= 0 ? message[..csharpHint] : message).TrimEnd('.', ' ');
    }
}
