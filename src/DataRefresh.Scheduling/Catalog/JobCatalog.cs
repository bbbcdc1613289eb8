using DataRefresh.Core.Configuration;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Providers;
using Serilog;

namespace DataRefresh.Scheduling.Catalog;

/// <summary>
/// The jobs a <c>serve</c> node knows: every job file of the folder that passes <see cref="JobFolderCheck"/>, with the
/// <c>then:</c> copies they hold, by name. A bad file is logged with its file:line problems and left out; the others
/// still run. Read once at start: a changed job file takes effect when the node restarts (rule files are read at every run).
/// </summary>
public sealed class JobCatalog
{
    private readonly Dictionary<string, JobDefinition> jobs;

    private JobCatalog(Dictionary<string, JobDefinition> jobs, int rejectedFiles, IReadOnlyDictionary<string, IReadOnlyList<string>> rejected)
    {
        this.jobs = jobs;
        RejectedFiles = rejectedFiles;
        Rejected = rejected;
    }

    /// <summary>Every known job: those with a file of their own and the <c>then:</c> copies inside them.</summary>
    public IReadOnlyCollection<JobDefinition> Jobs => jobs.Values;

    /// <summary>Job files left out because of their problems.</summary>
    public int RejectedFiles { get; }

    /// <summary>The jobs (and copies) those files hold, as far as they could be read, with their file's problems.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Rejected { get; }

    public JobDefinition? Find(string name) => jobs.GetValueOrDefault(name);

    /// <summary>A catalog of jobs already loaded (tests), with their copies.</summary>
    internal static JobCatalog Of(params JobDefinition[] jobs) =>
        new(jobs.SelectMany(WithCopies).ToDictionary(job => job.Name, StringComparer.Ordinal), 0, new Dictionary<string, IReadOnlyList<string>>());

    public static JobCatalog Load(string folder, DataRefreshSettings settings, ProviderRegistry providers, TimeProvider time, ILogger logger)
    {
        var jobs = new Dictionary<string, JobDefinition>(StringComparer.Ordinal);
        var rejected = 0;
        var rejectedNames = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var result in JobFolderCheck.Check(folder, settings, providers, time))
        {
            if (!result.IsValid || result.Job is null)
            {
                rejected++;
                foreach (var name in result.Job is { } job ? WithCopies(job).Select(each => each.Name) : [result.Name])
                {
                    rejectedNames[name] = result.Problems;
                }
                foreach (var problem in result.Problems)
                {
                    logger.Error("Not scheduling {File}: {Problem}", result.File, problem);
                }

                continue;
            }

            foreach (var job in WithCopies(result.Job))
            {
                jobs[job.Name] = job;
            }
        }

        return new JobCatalog(jobs, rejected, rejectedNames);
    }

    /// <summary>The job and, depth first, every copy its <c>then:</c> chain makes.</summary>
    public static IEnumerable<JobDefinition> WithCopies(JobDefinition job) => job.Downstream().Prepend(job);
}
