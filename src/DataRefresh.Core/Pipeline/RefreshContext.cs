using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Everything a run needs that can be checked without a database: the job, its environments, its rules and the provider
/// of each side (the same one unless the source and target are different engines, whose rows then travel as values).
/// Building it is where bad files and settings are caught, before any connection.
/// </summary>
public sealed record RefreshContext(
    JobDefinition Job,
    EnvironmentSettings Source,
    EnvironmentSettings Target,
    RuleSet Rules,
    IRefreshProvider SourceProvider,
    IRefreshProvider TargetProvider,
    IReadOnlyList<EnvironmentSettings> Production)
{
    /// <summary>Whether source and target are different engines, so no native row or schema form is shared.</summary>
    public bool CrossEngine => SourceProvider.Kind != TargetProvider.Kind;

    /// <summary>The providers involved, each once: errors of either side are classified and explained by its own.</summary>
    public IReadOnlyList<IRefreshProvider> Providers => CrossEngine ? [SourceProvider, TargetProvider] : [SourceProvider];

    /// <summary>Why the run's providers are not proven yet (<see cref="ProviderCapabilities.Unverified"/>), each once; empty when they all are.</summary>
    public IReadOnlyList<string> Unverified => [.. Providers.Select(provider => provider.Capabilities.Unverified).OfType<string>()];

    /// <summary>The job at the top of <paramref name="jobFile"/>; its <c>then:</c> copies are not part of this context.</summary>
    public static RefreshContext Create(string jobFile, DataRefreshSettings settings, ProviderRegistry providers) =>
        Create(JobFileLoader.Load(jobFile), settings, providers);

    /// <summary>A job already loaded, such as one of the <c>then:</c> copies a scheduler runs after their upstream.</summary>
    /// <param name="snapshotId">For a snapshot job: the id of the snapshot the run writes (its folder's name); plans use a placeholder.</param>
    public static RefreshContext Create(JobDefinition job, DataRefreshSettings settings, ProviderRegistry providers, string? snapshotId = null)
    {
        var source = settings.GetEnvironment(job.Source, job.SourceAt);
        var target = job.Snapshot is null
            ? settings.GetEnvironment(job.Target, job.TargetAt)
            : Snapshots.SnapshotPlace.For(settings.SnapshotsFolder, job.Name, snapshotId ?? "next").Target;
        ProductionGuard.EnsureWritable(target, job);
        var sourceProvider = providers.Get(source);
        var targetProvider = providers.Get(target);
        var rules = RuleFileLoader.Load(job.RuleFiles, sourceProvider.DefaultSchema, job.UnlistedDefault);
        return new RefreshContext(job, source, target, rules, sourceProvider, targetProvider, settings.ProductionEnvironments());
    }
}
