using System.Security.Claims;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Runs;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.SignIn;

namespace DataRefresh.Web.Views;

/// <summary>
/// What a DBA may ask of the jobs from the console, for the Schedule page and the API alike. The console runs nothing
/// itself (it holds no database credentials it uses): a run or a rollback is queued in the history store, and a serve node
/// takes it, as for <c>datarefresh trigger</c>.
/// </summary>
public static class JobActions
{
    /// <summary>The request's id, or a sentence saying why the job cannot be triggered.</summary>
    public static async Task<(long? Id, string? Problem)> TriggerAsync(ConsoleContext context, string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (job, problem) = Find(context, name);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (job!.Upstream is { } upstream)
        {
            return (null, $"job '{name}' is a then: copy: it runs after '{upstream}' succeeds; run '{upstream}' instead.");
        }

        var id = await context.Store.RequestTriggerAsync(name, ConsoleUser.RequestedBy(user), context.Time.GetUtcNow(), cancellationToken);
        context.Logger.Information("Console: {User} queued a run of {Job} (request {Request})", user.Identity?.Name, name, id);
        return (id, null);
    }

    /// <summary>
    /// The request's id, or a sentence saying why the job's target cannot be rolled back: only a job that keeps its
    /// target's previous copy (<c>keepPrevious: true</c>, its <c>then:</c> copies included) has one to go back to.
    /// </summary>
    public static async Task<(long? Id, string? Problem)> RollBackAsync(ConsoleContext context, string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (job, problem) = Find(context, name);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (job!.Snapshot is not null || !job.KeepPrevious)
        {
            return (null, $"job '{name}' does not keep its target's previous copy (keepPrevious: true), so there is nothing to roll back to.");
        }

        var id = await context.Store.RequestTriggerAsync(name, RollbackRequests.RequestedBy(ConsoleUser.RequestedBy(user)), context.Time.GetUtcNow(), cancellationToken);
        context.Logger.Information("Console: {User} queued a rollback of {Target} (job {Job}, request {Request})", user.Identity?.Name, job.Target, name, id);
        return (id, null);
    }

    /// <summary>The valid job (or <c>then:</c> copy) of that name in the folder, or why there is none.</summary>
    private static (JobDefinition? Job, string? Problem) Find(ConsoleContext context, string name)
    {
        foreach (var result in JobFolderCheck.Check(context.JobsFolder, context.Settings, context.Providers, context.Time))
        {
            var found = result.Job is { } job ? job.Downstream().Prepend(job).FirstOrDefault(candidate => candidate.Name == name) : null;
            if (found is null && result.Name != name)
            {
                continue;
            }

            return result.IsValid && found is not null
                ? (found, null)
                : (null, $"job '{name}' is invalid ({result.Problems[0]}); fix {Path.GetFileName(result.File)} first.");
        }

        return (null, $"there is no job '{name}' in {context.JobsFolder}.");
    }
}
