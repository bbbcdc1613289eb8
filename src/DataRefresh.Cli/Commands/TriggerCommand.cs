using System.CommandLine;
using DataRefresh.Cli.Serving;
using DataRefresh.Core.Errors;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh trigger &lt;job&gt;</c>: ask the running scheduler to run a job now. The request goes into the history
/// store that every <c>serve</c> node polls, so it works against one node or a cluster, and waits there when none runs.
/// </summary>
internal static class TriggerCommand
{
    public static Command Create(CliConsole console)
    {
        var job = new Argument<string>("job") { Description = "The job's name (its name: key, or file name without .yaml)." };
        var folder = CommonOptions.JobsFolder();
        var command = new Command("trigger", "Ask the running scheduler (serve) to run a job now.") { job, folder };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var name = parseResult.GetValue(job)!;
            var jobsFolder = parseResult.GetValue(folder)!;
            RequireValidJob(name, jobsFolder, services);

            var settings = SchedulerSettings.Load(services.Configuration, services.Origin);
            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            var now = TimeProvider.System.GetUtcNow();
            var id = await history.RequestTriggerAsync(name, $"{Environment.UserName}@{Environment.MachineName}", now, cancellationToken);
            var listening = (await history.ReadNodesAsync(cancellationToken)).Where(node => node.LastSeen >= now - settings.NodeSilenceLimit).ToList();
            console.Out.WriteLine(listening.Count > 0
                ? $"Asked the scheduler to run {name} now (request {id}); {string.Join(", ", listening.Select(node => node.Node))} will take it within {settings.PollInterval.TotalSeconds:0.#} s. Follow it with: datarefresh history {name}"
                : $"Queued a run of {name} (request {id}), but no scheduler node has reported in the last {settings.NodeSilenceLimit.TotalSeconds:0} s; it runs when 'datarefresh serve' starts.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The named job, or the reason the folder does not hold it as a valid job (as serve would judge), before queueing anything.</summary>
    internal static Core.Jobs.JobDefinition RequireValidJob(string name, string folder, CommandServices services)
    {
        // Quiet: only the named job's problems matter here, and they go into the error.
        var catalog = JobCatalog.Load(folder, services.Settings, services.Providers, TimeProvider.System, Serilog.Core.Logger.None);
        if (catalog.Find(name) is { } job)
        {
            return job;
        }

        if (catalog.Rejected.TryGetValue(name, out var problems))
        {
            throw new DataRefreshException(ExitCodes.InvalidJobOrRules, $"job '{name}' is not scheduled because its file has problems: {string.Join(" ", problems)}");
        }

        var known = catalog.Jobs.Select(job => job.Name).Order(StringComparer.Ordinal);
        throw new DataRefreshException(ExitCodes.InvalidJobOrRules, $"there is no job named '{name}' in {folder}; known jobs: {string.Join(", ", known)}. Pass --jobs <folder> if the jobs live elsewhere.");
    }
}
