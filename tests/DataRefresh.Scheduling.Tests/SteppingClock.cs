namespace DataRefresh.Scheduling.Tests;

/// <summary>A clock that moves on by <paramref name="step"/> each time it is read: hours of waiting pass in a few reads.</summary>
internal sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        var current = now;
        now += step;
        return current;
    }
}
