using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Everything a run needs that can be checked without a database: the job, its environments, its rules and the provider.
/// Building it is where bad files and settings are caught, before any connection.
/// </summary>
public sealed record RefreshContext(
    JobDefinition Job, EnvironmentSettings Source, EnvironmentSettings Target, RuleSet Rules, IRefreshProvider Provider, IReadOnlyList<EnvironmentSettings> Production)
{
    /// <summary>The job at the top of <paramref name="jobFile"/>; its <c>then:</c> copies are not part of this context.</summary>
    public static RefreshContext Create(string jobFile, DataRefreshSettings settings, ProviderRegistry providers) =>
        Create(JobFileLoader.Load(jobFile), settings, providers);

    /// <summary>A job already loaded, such as one of the <c>then:</c> copies a scheduler runs after their upstream.</summary>
    public static RefreshContext Create(JobDefinition job, DataRefreshSettings settings, ProviderRegistry providers)
    {
        var source = settings.GetEnvironment(job.Source, job.SourceAt);
        var target = settings.GetEnvironment(job.Target, job.TargetAt);
        ProductionGuard.EnsureWritable(target, job);
        if (source.Provider != target.Provider)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"{job.TargetAt}: source '{source.Name}' is {source.Provider} and target '{target.Name}' is {target.Provider}; " +
                "this version refreshes between databases of the same provider only.");
        }

        var provider = providers.Get(source);
        var rules = RuleFileLoader.Load(job.RuleFiles, provider.DefaultSchema, job.UnlistedDefault);
        return new RefreshContext(job, source, target, rules, provider, settings.ProductionEnvironments());
    }
}
