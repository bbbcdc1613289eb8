using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Core.Tests.Rules;

public sealed class JobScheduleTests
{
    private static JobDefinition LoadJob(TempFiles files, string extra) =>
        JobFileLoader.Load(files.Write("job.yaml", "source: prod\ntarget: dev\n" + extra));

    [Fact]
    public void The_scheduling_keys_are_read()
    {
        using var files = new TempFiles();
        var job = LoadJob(files, "schedule: \"0 0 2 * * ?\"\ntimeZone: Europe/Berlin\nmisfire: run-once\nenabled: false\nretries: 3\ntimeout: 1h30m\n");

        var schedule = Assert.IsType<JobSchedule>(job.Schedule);
        Assert.Equal("0 0 2 * * ?", schedule.Cron);
        Assert.Equal("Europe/Berlin", schedule.TimeZone.Id);
        Assert.Equal(MisfirePolicy.RunOnce, schedule.Misfire);
        Assert.Equal(3, schedule.At.Line);
        Assert.False(job.Enabled);
        Assert.Equal(3, job.Retries);
        Assert.Equal(TimeSpan.FromMinutes(90), job.Timeout);
        Assert.Equal("every day at 02:00 (Europe/Berlin)", schedule.Describe());
    }

    [Fact]
    public void Defaults_are_utc_skip_enabled_no_retries_and_no_timeout()
    {
        using var files = new TempFiles();
        var job = LoadJob(files, "schedule: \"0 15 3 ? * MON-FRI\"\n");

        Assert.Equal(TimeZoneInfo.Utc, job.Schedule!.TimeZone);
        Assert.Equal(MisfirePolicy.Skip, job.Schedule.Misfire);
        Assert.True(job.Enabled);
        Assert.Equal(0, job.Retries);
        Assert.Null(job.Timeout);
        Assert.Equal("on MON-FRI at 03:15 (UTC)", job.Schedule.Describe());
        Assert.Null(LoadJob(files, "").Schedule);
    }

    [Fact]
    public void The_sample_job_runs_at_two_in_berlin()
    {
        var schedule = JobFileLoader.Load(SampleFiles.NightlyJob).Schedule!;

        Assert.Equal(("0 0 2 * * ?", "Europe/Berlin"), (schedule.Cron, schedule.TimeZone.Id));
    }

    [Theory]
    [InlineData("2h", 120)]
    [InlineData("90m", 90)]
    [InlineData("1d", 1440)]
    [InlineData("1h30m", 90)]
    public void Timeouts_read_the_documented_format(string text, int minutes)
    {
        using var files = new TempFiles();
        Assert.Equal(TimeSpan.FromMinutes(minutes), LoadJob(files, $"timeout: {text}\n").Timeout);
    }

    [Theory]
    [InlineData("schedule: \"0 2 * * *\"\n", 3, 11, "Prepend a seconds field")]
    [InlineData("schedule: \"0 0 25 * * ?\"\n", 3, 11, "write six fields, seconds first")]
    [InlineData("schedule: nightly\n", 3, 11, "'schedule' is not a Quartz cron expression")]
    [InlineData("schedule: \"0 0 2 * * ?\"\ntimeZone: Europe/Berln\n", 4, 11, "write an IANA time zone id")]
    [InlineData("timeZone: Europe/Berlin\n", 3, 1, "'timeZone' only applies to a scheduled job")]
    [InlineData("schedule: \"0 0 2 * * ?\"\nmisfire: catch-up\n", 4, 10, "'misfire' is 'catch-up'; write skip")]
    [InlineData("misfire: skip\n", 3, 1, "'misfire' only applies to a scheduled job")]
    [InlineData("enabled: maybe\n", 3, 10, "'enabled' must be true or false")]
    [InlineData("retries: 11\n", 3, 10, "'retries' must be a whole number from 0 to 10")]
    [InlineData("retries: -1\n", 3, 10, "'retries' must be a whole number from 0 to 10")]
    [InlineData("timeout: 2 hours\n", 3, 10, "write a duration from 1m to 7d")]
    [InlineData("timeout: 30s\n", 3, 10, "write a duration from 1m to 7d")]
    [InlineData("timeout: 8d\n", 3, 10, "write a duration from 1m to 7d")]
    [InlineData("timeout: 30m2h\n", 3, 10, "largest first")]
    [InlineData("shedule: \"0 0 2 * * ?\"\n", 3, 1, "(did you mean 'schedule'?)")]
    public void A_bad_scheduling_value_is_a_located_error(string extra, int line, int column, string problem)
    {
        using var files = new TempFiles();

        var error = Assert.Throws<FileFormatException>(() => LoadJob(files, extra));

        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{error.Location.File}:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_firing_that_spring_forward_skips_runs_at_the_first_instant_after_the_gap()
    {
        // 2026-03-29 in Europe/Berlin: clocks jump from 02:00 CET to 03:00 CEST, so 02:30 does not exist that day.
        // Quartz fires at 03:00 CEST (01:00 UTC) rather than skipping the day or firing at 03:30; the day after is 02:30 CEST again.
        var schedule = new JobSchedule("0 30 2 * * ?", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), MisfirePolicy.Skip, new SourceLocation("job.yaml", 1, 1));

        var dayBefore = schedule.NextFireAfter(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var changeDay = schedule.NextFireAfter(dayBefore!.Value);
        var dayAfter = schedule.NextFireAfter(changeDay!.Value);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 2, 30, 0, TimeSpan.FromHours(1)), dayBefore);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), changeDay);
        Assert.Equal(TimeSpan.FromHours(2), changeDay!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 2, 30, 0, TimeSpan.FromHours(2)), dayAfter);
    }

    [Fact]
    public void A_firing_that_fall_back_repeats_runs_once_at_its_first_occurrence()
    {
        // 2026-10-25 in Europe/Berlin: 02:00–03:00 happens twice (CEST, then CET); Quartz fires at the first 02:30 only.
        var schedule = new JobSchedule("0 30 2 * * ?", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), MisfirePolicy.Skip, new SourceLocation("job.yaml", 1, 1));

        var changeDay = schedule.NextFireAfter(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        var dayAfter = schedule.NextFireAfter(changeDay!.Value);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), changeDay);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 2, 30, 0, TimeSpan.FromHours(1)), dayAfter);
    }

    [Fact]
    public void An_expression_whose_last_year_has_passed_never_fires_again()
    {
        var schedule = new JobSchedule("0 0 2 1 1 ? 2020", TimeZoneInfo.Utc, MisfirePolicy.Skip, new SourceLocation("job.yaml", 1, 1));

        Assert.Null(schedule.NextFireAfter(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
