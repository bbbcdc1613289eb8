using System.CommandLine;
using DataRefresh.Cli.Serving;
using DataRefresh.Core.Errors;
using DataRefresh.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.Hosting;
using Microsoft.Extensions.Hosting;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh serve [--jobs &lt;folder&gt;] [--node &lt;name&gt;]</c>: run every job of the folder on its schedule until
/// stopped (SIGTERM or Ctrl+C cancel running refreshes at a batch boundary; targets stay as they were). Bad job files are
/// logged with file:line and left out; the others run.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var folder = CommonOptions.JobsFolder();
        var node = new Option<string?>("--node") { Description = $"This node's name in logs, the history and the cluster (default: machine name and process id; setting {SchedulerSettings.Section}:Node)." };
        var web = WebCommand.UrlsOption();
        var command = new Command("serve", "Run the jobs of a folder on their schedules, with their then: chains, until stopped; with --web, serve the console too.") { folder, node, web };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var overrides = parseResult.GetValue(node) is { Length: > 0 } name ? new Dictionary<string, string?> { [$"{SchedulerSettings.Section}:Node"] = name } : [];
            using var services = CommandServices.Create(parseResult, console, overrides);
            var settings = SchedulerSettings.Load(services.Configuration, services.Origin);
            var consoleSettings = ConsoleServing.Settings(services, parseResult.GetValue(web));

            // Checked once at start: a node without the key would fail every run it takes.
            services.Settings.RequireMaskingKey();
            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            var jobsFolder = parseResult.GetValue(folder)!;
            var catalog = JobCatalog.Load(jobsFolder, services.Settings, services.Providers, TimeProvider.System, services.Logger);
            services.Logger.Information(
                "Node {Node} serving {Jobs} job(s) from {Folder} ({Rejected} file(s) left out); schedule store: {Store}; history: {History}",
                settings.Node, catalog.Jobs.Count, jobsFolder, catalog.RejectedFiles, settings.DescribeStore(), history.Location);

            using var host = ServeHost.Build(new ServeParts(
                settings, catalog, new CliJobExecutor(services, console, history, TimeProvider.System), history, TimeProvider.System, services.Logger, services.Notifier(TimeProvider.System), services.Settings.SnapshotsFolder));
            try
            {
                await host.StartAsync(cancellationToken);
            }
            catch (Exception exception) when (settings.Store != SchedulerStore.Memory && exception is not OperationCanceledException and not DataRefreshException)
            {
                throw new DataRefreshException(
                    ExitCodes.DatabaseUnavailable,
                    $"the scheduler could not start on its store {settings.DescribeStore()} ({exception.GetType().Name}); check {SchedulerSettings.Section}:ConnectionString and that the server is up.",
                    exception);
            }

            // The console reads what the scheduler writes; it starts once the node is up, and goes down with it.
            await using var consoleApp = consoleSettings.Urls.Count > 0 ? await ConsoleServing.StartAsync(services, console, consoleSettings, history, jobsFolder, cancellationToken) : null;
            await host.WaitForShutdownAsync(cancellationToken);
            if (consoleApp is not null)
            {
                await consoleApp.StopAsync(CancellationToken.None);
            }

            services.Logger.Information("Node {Node} stopped", settings.Node);
            return ExitCodes.Success;
        });
        return command;
    }
}
