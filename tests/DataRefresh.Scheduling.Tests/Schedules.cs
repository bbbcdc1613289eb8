using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Scheduling.Tests;

internal static class Schedules
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static JobSchedule Daily(string cron, MisfirePolicy misfire = MisfirePolicy.Skip, TimeZoneInfo? zone = null) =>
        new(cron, zone ?? Berlin, misfire, new SourceLocation("job.yaml", 1, 1));

    public static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
}
