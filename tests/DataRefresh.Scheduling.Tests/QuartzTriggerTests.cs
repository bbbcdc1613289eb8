using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.QuartzJobs;
using Quartz;
using Quartz.Extensibility;
using static DataRefresh.Scheduling.Tests.Schedules;

namespace DataRefresh.Scheduling.Tests;

/// <summary>
/// The cron triggers <c>serve</c> hands to Quartz, driven by a hand-set clock: the time zone and DST rules Quartz applies,
/// and what each <c>misfire</c> policy makes of a firing the scheduler missed (the host was down at 02:00).
/// </summary>
public sealed class QuartzTriggerTests
{
    private static IOperableTrigger Trigger(JobSchedule schedule, ManualClock clock)
    {
        var trigger = (IOperableTrigger)ScheduleSync.Trigger("nightly", schedule, clock);
        trigger.ComputeFirstFireTimeUtc(null);
        return trigger;
    }

    [Fact]
    public void A_daily_trigger_fires_at_the_wall_clock_time_of_its_zone_in_winter_and_summer()
    {
        var winter = Trigger(Daily("0 0 2 * * ?"), new ManualClock(Utc("2026-11-20T12:00:00Z")));
        Assert.Equal(Utc("2026-11-21T01:00:00Z"), winter.NextFireTimeUtc);

        var summer = Trigger(Daily("0 0 2 * * ?"), new ManualClock(Utc("2026-07-20T12:00:00Z")));
        Assert.Equal(Utc("2026-07-21T00:00:00Z"), summer.NextFireTimeUtc);
    }

    [Fact]
    public void A_time_the_spring_forward_skips_fires_at_the_end_of_the_gap_and_the_fall_back_fires_once()
    {
        var clock = new ManualClock(Utc("2026-03-28T12:00:00Z"));
        var trigger = Trigger(Daily("0 30 2 * * ?"), clock);

        // 02:30 does not exist in Berlin on 2026-03-29: Quartz fires at 03:00 CEST.
        Assert.Equal(Utc("2026-03-29T01:00:00Z"), trigger.NextFireTimeUtc);
        clock.Now = trigger.NextFireTimeUtc!.Value;
        trigger.Triggered(null);
        Assert.Equal(Utc("2026-03-30T00:30:00Z"), trigger.NextFireTimeUtc);

        // 02:30 happens twice on 2026-10-25 (CEST, then CET): one firing, at the first.
        clock.Now = Utc("2026-10-24T12:00:00Z");
        var autumn = Trigger(Daily("0 30 2 * * ?"), clock);
        Assert.Equal(Utc("2026-10-25T00:30:00Z"), autumn.NextFireTimeUtc);
        clock.Now = autumn.NextFireTimeUtc!.Value;
        autumn.Triggered(null);
        Assert.Equal(Utc("2026-10-26T01:30:00Z"), autumn.NextFireTimeUtc);
    }

    [Fact]
    public void Misfire_skip_waits_for_the_next_firing_instead_of_running_late()
    {
        var clock = new ManualClock(Utc("2026-11-20T00:00:00Z"));
        var trigger = Trigger(Daily("0 0 2 * * ?", MisfirePolicy.Skip), clock);
        Assert.Equal(Utc("2026-11-20T01:00:00Z"), trigger.NextFireTimeUtc);

        // The host comes back at 10:00 local: the 02:00 refresh must not overwrite testers' data now.
        clock.Now = Utc("2026-11-20T09:00:00Z");
        trigger.UpdateAfterMisfire(null);
        Assert.Equal(Utc("2026-11-21T01:00:00Z"), trigger.NextFireTimeUtc);
    }

    [Fact]
    public void Misfire_run_once_fires_once_now_however_many_firings_were_missed()
    {
        var clock = new ManualClock(Utc("2026-11-20T00:00:00Z"));
        var trigger = Trigger(Daily("0 0 2 * * ?", MisfirePolicy.RunOnce), clock);

        // Three nights missed.
        clock.Now = Utc("2026-11-23T09:00:00Z");
        trigger.UpdateAfterMisfire(null);
        Assert.Equal(clock.Now, trigger.NextFireTimeUtc);

        trigger.Triggered(null);
        Assert.Equal(Utc("2026-11-24T01:00:00Z"), trigger.NextFireTimeUtc);
    }

    [Fact]
    public void The_trigger_carries_the_instruction_of_each_policy()
    {
        var clock = new ManualClock(Utc("2026-11-20T00:00:00Z"));
        Assert.Equal(CronTriggerMisfireInstruction.DoNothing, ((ICronTrigger)Trigger(Daily("0 0 2 * * ?", MisfirePolicy.Skip), clock)).MisfireInstruction);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, ((ICronTrigger)Trigger(Daily("0 0 2 * * ?", MisfirePolicy.RunOnce), clock)).MisfireInstruction);
        Assert.Equal(Berlin.Id, ((ICronTrigger)Trigger(Daily("0 0 2 * * ?"), clock)).TimeZone.Id);
    }
}
