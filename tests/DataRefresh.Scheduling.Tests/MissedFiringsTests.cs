using DataRefresh.Scheduling.Hosting;
using static DataRefresh.Scheduling.Tests.Schedules;

namespace DataRefresh.Scheduling.Tests;

/// <summary>What the in-memory store, which forgets its schedule with the process, takes for a firing missed while no node ran.</summary>
public sealed class MissedFiringsTests
{
    [Fact]
    public void The_latest_firing_since_the_last_run_counts_as_missed()
    {
        // Last ran at 02:00 CET on the 20th; the node was down until 10:00 on the 23rd: the 23rd's 02:00 is the one to name.
        var missed = MissedFirings.LatestMissed(Daily("0 0 2 * * ?"), Utc("2026-11-20T01:00:00Z"), Utc("2026-11-23T09:00:00Z"));
        Assert.Equal(Utc("2026-11-23T01:00:00Z"), missed);
    }

    [Fact]
    public void Nothing_is_missed_while_the_next_firing_is_still_ahead_and_a_firing_seconds_ago_counts()
    {
        Assert.Null(MissedFirings.LatestMissed(Daily("0 0 2 * * ?"), Utc("2026-11-23T01:00:00Z"), Utc("2026-11-23T09:00:00Z")));

        // A node started at 02:00:30 finds the 02:00 firing: late, not lost (it runs whatever the misfire policy).
        Assert.Equal(Utc("2026-11-23T01:00:00Z"), MissedFirings.LatestMissed(Daily("0 0 2 * * ?"), Utc("2026-11-22T01:00:00Z"), Utc("2026-11-23T01:00:30Z")));
    }

    [Fact]
    public void Missed_firings_are_read_in_the_jobs_time_zone_across_a_DST_change()
    {
        // Ran at 03:00 CEST on the spring-forward day (the skipped 02:30); missed the next two nights.
        var missed = MissedFirings.LatestMissed(Daily("0 30 2 * * ?"), Utc("2026-03-29T01:00:00Z"), Utc("2026-03-31T12:00:00Z"));
        Assert.Equal(Utc("2026-03-31T00:30:00Z"), missed);
    }
}
