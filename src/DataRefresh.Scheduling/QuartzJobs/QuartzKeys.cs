using Quartz;

namespace DataRefresh.Scheduling.QuartzJobs;

/// <summary>
/// How DataRefresh names things in Quartz: one durable Quartz job per DataRefresh job (its name), in one group, with its
/// schedule as one cron trigger; the job data says why a firing runs.
/// </summary>
internal static class QuartzKeys
{
    public const string Group = "datarefresh";

    /// <summary>Job data: the DataRefresh job's name.</summary>
    public const string JobName = "job";

    /// <summary>Trigger data: why this firing runs, in words ("request 12 by ann@ops1", "after nightly-staging").</summary>
    public const string Reason = "reason";

    public static JobKey Job(string name) => new(name, Group);

    public static TriggerKey Schedule(string name) => new($"{name}.schedule", Group);
}
