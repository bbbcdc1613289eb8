using DataRefresh.Core.Errors;
using Quartz;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// When a job runs: a Quartz cron expression (seconds first) read in the job's time zone, and what to do with a missed
/// firing. <paramref name="At"/> is where <c>schedule:</c> stands in the job file.
/// </summary>
public sealed record JobSchedule(string Cron, TimeZoneInfo TimeZone, MisfirePolicy Misfire, SourceLocation At)
{
    /// <summary>
    /// The first firing strictly after <paramref name="after"/>, in the job's time zone; null when the expression never
    /// fires again (a year in the past). A wall-clock time that a DST change skips fires at the first instant after the
    /// gap (Quartz's rule: 02:30 on the spring-forward day in Europe/Berlin fires at 03:00 CEST).
    /// </summary>
    public DateTimeOffset? NextFireAfter(DateTimeOffset after)
    {
        // Built per call: CronExpression is mutable and not thread-safe, the record is shared.
        var next = new CronExpression(Cron, TimeZone).GetNextValidTimeAfter(after);
        return next is { } instant ? TimeZoneInfo.ConvertTime(instant, TimeZone) : null;
    }

    /// <summary>An instant as the job's wall clock shows it, for logs and listings: "2026-11-24 02:00:00 +01:00".</summary>
    public string WallClock(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZone).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The schedule in words for listings, e.g. "every day at 02:00 (Europe/Berlin)".</summary>
    public string Describe() => $"{CronWords.Describe(Cron)} ({TimeZone.Id})";
}
