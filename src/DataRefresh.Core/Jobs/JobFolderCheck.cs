using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Jobs;

/// <summary>
/// Checks every <c>*.yaml</c> job file of a folder without connecting anywhere: the file itself (cron, time zone, keys),
/// that its environments exist, that the target is not production and that its rule files load. One bad file does not
/// hide the others: each gets its own result.
/// </summary>
public static class JobFolderCheck
{
    public static IReadOnlyList<JobCheckResult> Check(string folder, DataRefreshSettings settings, TimeProvider time)
    {
        if (!Directory.Exists(folder))
        {
            throw new DataRefreshException(ExitCodes.InvalidJobOrRules, $"The jobs folder '{folder}' does not exist; pass --jobs <folder>.");
        }

        var now = time.GetUtcNow();
        return [.. Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(file => CheckFile(file, settings, now))];
    }

    private static JobCheckResult CheckFile(string file, DataRefreshSettings settings, DateTimeOffset now)
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

        // Existence only: expanding ${VARIABLE}s here would fail a check run where the secrets are not set.
        Collect(() => RequireEnvironment(settings, job.Source, job.SourceAt));
        Collect(() =>
        {
            RequireEnvironment(settings, job.Target, job.TargetAt);
            ProductionGuard.EnsureWritable(settings.Environments[job.Target], job);
        });
        Collect(() => RuleFileLoader.Load(job.RuleFiles));

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
