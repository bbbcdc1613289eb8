using System.Security.Claims;
using DataRefresh.Core.Jobs;
using DataRefresh.Web.Hosting;
using DataRefresh.Web.SignIn;

namespace DataRefresh.Web.Views;

/// <summary>
/// What a DBA may ask of the jobs from the console, for the Schedule page and the API alike. The console runs nothing
/// itself: a trigger is queued in the history store, and a serve node takes it, as for <c>datarefresh trigger</c>.
/// </summary>
public static class JobActions
{
    /// <summary>The request's id, or a sentence saying why the job cannot be triggered.</summary>
    public static async Task<(long? Id, string? Problem)> TriggerAsync(ConsoleContext context, string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = JobFolderCheck.Check(context.JobsFolder, context.Settings, context.Providers, context.Time)
            .FirstOrDefault(candidate => candidate.Job?.Name == name);
        if (result is null)
        {
            return (null, $"there is no job '{name}' in {context.JobsFolder}.");
        }

        if (!result.IsValid)
        {
            return (null, $"job '{name}' is invalid ({result.Problems[0]}); fix {Path.GetFileName(result.File)} first.");
        }

        var id = await context.Store.RequestTriggerAsync(name, ConsoleUser.RequestedBy(user), context.Time.GetUtcNow(), cancellationToken);
        context.Logger.Information("Console: {User} queued a run of {Job} (request {Request})", user.Identity?.Name, name, id);
        return (id, null);
    }
}
