namespace DataRefresh.Scheduling.Tests;

/// <summary>A clock the test sets by hand: Quartz's triggers and our own decisions read "now" from it.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
