using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
using DataRefresh.Scheduling.Running;

namespace DataRefresh.Scheduling.Tests;

/// <summary>
/// Plays back run outcomes and busy answers in order, and remembers how it was called. It stands in for the database
/// runs, which the command-line tests drive for real; here the point is the scheduler's decisions around them.
/// </summary>
internal sealed class ScriptedExecutor(IEnumerable<JobRunResult> results, IEnumerable<bool>? busyAnswers = null) : IJobExecutor
{
    private readonly Queue<JobRunResult> results = new(results);
    private readonly Queue<bool> busyAnswers = new(busyAnswers ?? []);

    public List<RunOrigin> Runs { get; } = [];

    public int BusyChecks { get; private set; }

    public Task<JobRunResult> RunAsync(JobDefinition job, RunOrigin origin, CancellationToken cancellationToken = default)
    {
        Runs.Add(origin);
        return Task.FromResult(results.Dequeue());
    }

    public List<string> Rollbacks { get; } = [];

    public Task<JobRunResult> RollBackAsync(JobDefinition job, string trigger, CancellationToken cancellationToken = default)
    {
        Rollbacks.Add(trigger);
        return Task.FromResult(results.Dequeue());
    }

    /// <summary>What <see cref="FindProblemsAheadAsync"/> answers (set by drift tests), and the jobs it was asked about.</summary>
    public IReadOnlyList<string> ProblemsAhead { get; set; } = [];

    public List<string> DriftChecks { get; } = [];

    public Task<IReadOnlyList<string>> FindProblemsAheadAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        DriftChecks.Add(job.Name);
        return Task.FromResult(ProblemsAhead);
    }

    public Task<bool> IsTargetBusyAsync(JobDefinition job, CancellationToken cancellationToken = default)
    {
        BusyChecks++;
        return Task.FromResult(busyAnswers.Count > 0 && busyAnswers.Dequeue());
    }

    public static JobRunResult Succeeded() => new("r-ok", RunOutcome.Succeeded, 0, null, Transient: false);

    public static JobRunResult Failed(bool transient, int exitCode = 8) => new($"r-{Guid.NewGuid():N}", RunOutcome.Failed, exitCode, "it broke", transient);
}
