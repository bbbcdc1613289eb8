using DataRefresh.Core.Audit;
using DataRefresh.Core.Drift;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Web.Hosting;

namespace DataRefresh.Web.Views;

/// <summary>
/// One job of the folder as the Schedule page and <c>/api/jobs</c> show it; <c>then:</c> copies follow their upstream with
/// <see cref="Depth"/> above 0. <see cref="Drift"/> is the latest check of its rules ahead of a firing, if a node made one.
/// </summary>
public sealed record JobRow(
    string Name, string File, bool Valid, int Depth, string? Upstream, string? Source, string? Target, string Schedule, string? NextFiring, bool Enabled, bool KeepsPrevious,
    bool IsSnapshot, RunHistoryEntry? LastRun, IReadOnlyList<string> Problems)
{
    public DriftCheck? Drift { get; init; }
}

/// <summary>The jobs of the folder with their schedules and last runs, the scheduler nodes, the queued requests and the recent rollbacks.</summary>
public sealed record ScheduleView(IReadOnlyList<JobRow> Jobs, IReadOnlyList<SchedulerNode> Nodes, IReadOnlyList<TriggerRequest> Pending)
{
    /// <summary>Jobs whose check ahead of a firing still to come found what would stop it: the page's alert.</summary>
    public IReadOnlyList<JobRow> Drifting { get; init; } = [];

    /// <summary>The rollbacks of the last 14 days as their audit records tell them, newest first (the command line's and the console's).</summary>
    public IReadOnlyList<AuditRecord> Rollbacks { get; init; } = [];

    public static async Task<ScheduleView> LoadAsync(ConsoleContext context, CancellationToken cancellationToken)
    {
        var results = JobFolderCheck.Check(context.JobsFolder, context.Settings, context.Providers, context.Time);
        var lastRuns = await context.Store.LatestRunPerJobAsync(cancellationToken);
        var drift = (await context.Store.ReadDriftChecksAsync(cancellationToken)).ToDictionary(check => check.Job, StringComparer.Ordinal);
        var rows = new List<JobRow>();
        foreach (var result in results)
        {
            rows.Add(Row(result.Job, result.Name, result.File, result.IsValid, 0, Describe(result), result.Problems, lastRuns) with { Drift = drift.GetValueOrDefault(result.Name) });
            if (result.Job is { } job)
            {
                AddCopies(job, 1, result, lastRuns, rows);
            }
        }

        var now = context.Time.GetUtcNow();
        var rollbacks = (await context.Store.ReadAuditRecordsAsync(new AuditQuery(Since: now.AddDays(-14)), cancellationToken))
            .Select(AuditJson.Deserialize)
            .Where(record => record.Kind == AuditKinds.Rollback)
            .Reverse();
        return new ScheduleView(rows, await context.Store.ReadNodesAsync(cancellationToken), await context.Store.ReadPendingTriggerRequestsAsync(cancellationToken))
        {
            Rollbacks = [.. rollbacks],
            Drifting = [.. rows.Where(row => row.Drift is { Passed: false } check && check.FiringAt > now)],
        };
    }

    private static void AddCopies(JobDefinition upstream, int depth, JobCheckResult result, IReadOnlyDictionary<string, RunHistoryEntry> lastRuns, List<JobRow> rows)
    {
        foreach (var copy in upstream.Then)
        {
            rows.Add(Row(copy, copy.Name, result.File, result.IsValid, depth, ($"after {upstream.Name}", null), [], lastRuns));
            AddCopies(copy, depth + 1, result, lastRuns, rows);
        }
    }

    private static JobRow Row(
        JobDefinition? job, string name, string file, bool valid, int depth, (string Schedule, string? Next) schedule, IReadOnlyList<string> problems, IReadOnlyDictionary<string, RunHistoryEntry> lastRuns) =>
        new(name, Path.GetFileName(file), valid, depth, job?.Upstream, job?.Source, job?.Target, schedule.Schedule, schedule.Next, job?.Enabled ?? false, job?.KeepPrevious ?? false,
            job?.Snapshot is not null, lastRuns.GetValueOrDefault(name), problems);

    private static (string, string?) Describe(JobCheckResult result) => result.Job switch
    {
        null => ("schedule unknown", null),
        { Schedule: null } => ("no schedule (trigger only)", null),
        { Schedule: { } schedule } => (schedule.Describe(), result.NextFire is { } next ? schedule.WallClock(next) : "never fires again"),
    };
}
