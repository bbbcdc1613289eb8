using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Checks every <c>*.yaml</c> job file of a folder without connecting anywhere: the file itself (cron, time zone, keys),
/// that its environments exist, that the target is not production and that its rule files load, and the same for every
/// <c>then:</c> copy in it, whose problems are the file's. One bad file does not hide the others: each gets its own result.
/// A job name used twice in the folder is a problem of each file that uses it: a scheduler knows jobs by name.
/// </summary>
public static class JobFolderCheck
{
    public static IReadOnlyList<JobCheckResult> Check(string folder, DataRefreshSettings settings, ProviderRegistry providers, TimeProvider time)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataRefreshException(ExitCodes.InvalidJobOrRules, $"The jobs folder '{folder}' does not exist; pass --jobs <folder>.");
        }

        var now = time.GetUtcNow();
        var results = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(file => CheckFile(file, settings, providers, now)).ToList();
        return ReportSharedNames(results);
    }

    private static List<JobCheckResult> ReportSharedNames(List<JobCheckResult> results)
    {
        // Names within one file are kept apart by the loader already; here only other files count.
        var uses = results
            .SelectMany((result, index) => result.Job is { } job ? job.Downstream().Prepend(job).Select(named => (Index: index, named.Name, named.NameAt)) : [])
            .ToList();
        foreach (var (index, name, at) in uses)
        {
            var elsewhere = uses.Where(other => other.Index != index && string.Equals(other.Name, name, StringComparison.OrdinalIgnoreCase)).Select(other => other.NameAt).ToList();
            if (elsewhere.Count > 0)
            {
                var problem = $"{at}: the job name '{name}' is also used at {string.Join(", ", elsewhere)}; a scheduler knows jobs by name, so give each its own 'name'.";
                results[index] = results[index] with { Problems = [.. results[index].Problems, problem] };
            }
        }

        return results;
    }

    private static JobCheckResult CheckFile(string file, DataRefreshSettings settings, ProviderRegistry providers, DateTimeOffset now)
    {
        JobDefinition job;
        try
        {
            job = JobFileLoader.Load(file);
        }
        catch (DataRefreshException exception)
        {
            return new JobCheckResult(file, Path.GetFileNameWithoutExtension(file), null, null, [exception.Message]);
        }

        var problems = new List<string>();
        void Collect(Action check)
        {
            try
            {
                check();
            }
            catch (DataRefreshException exception)
            {
                problems.Add(exception.Message);
            }
        }

        // Existence only: expanding ${VARIABLE}s here would fail a check run where the secrets are not set. A copy's source
        // is its upstream's target, checked already.
        Collect(() => RequireEnvironment(settings, job.Source, job.SourceAt));

        // Bare table names are in the source provider's default schema. With the source unknown or its provider not
        // built in (both reported), the files are still checked, their bare names in no schema.
        var defaultSchema = settings.Environments.TryGetValue(job.Source, out var source) ? providers.DefaultSchemaOf(source.Provider) ?? "" : "";
        foreach (var writer in job.Downstream().Prepend(job))
        {
            // A snapshot job's target is a file of its own under the snapshots folder, never an environment.
            if (writer.Snapshot is null)
            {
                Collect(() =>
                {
                    RequireEnvironment(settings, writer.Target, writer.TargetAt);
                    ProductionGuard.EnsureWritable(settings.Environments[writer.Target], writer);
                });
            }

            Collect(() => RuleFileLoader.Load(writer.RuleFiles, defaultSchema, writer.UnlistedDefault));
        }

        DateTimeOffset? next = null;
        if (job.Schedule is { } schedule)
        {
            next = schedule.NextFireAfter(now);
            if (next is null)
            {
                problems.Add($"{schedule.At}: the schedule never fires again; choose a cron expression with a future firing.");
            }
        }

        return new JobCheckResult(file, job.Name, job, next, problems);
    }

    private static void RequireEnvironment(DataRefreshSettings settings, string name, SourceLocation usedAt)
    {
        if (!settings.Environments.ContainsKey(name))
        {
            // GetEnvironment words the message (known names, a did-you-mean) the same way a run would.
            settings.GetEnvironment(name, usedAt);
        }
    }
}
