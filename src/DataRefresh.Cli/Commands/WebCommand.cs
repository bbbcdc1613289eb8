using System.CommandLine;
using DataRefresh.Cli.Serving;
using DataRefresh.Core.Errors;
using DataRefresh.Web.Hosting;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh web [--web &lt;url&gt;] [--jobs &lt;folder&gt;]</c>: the web console alone, against the same history store as
/// the serve nodes (any machine that reaches it can serve the console). It needs no masking key and connects to no source
/// or target: a DBA's "run now" is queued for a serve node.
/// </summary>
internal static class WebCommand
{
    public static Option<string?> UrlsOption() => new("--web") { Description = $"Where the console listens, e.g. http://127.0.0.1:8080 (several separated by ';'); default {ConsoleSettings.Section}:Urls." };

    public static Command Create(CliConsole console)
    {
        var urls = UrlsOption();
        var folder = CommonOptions.JobsFolder();
        var command = new Command("web", "Serve the web console (runs, schedule, metrics) from the history store, without running jobs.") { urls, folder };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var settings = ConsoleServing.Settings(services, parseResult.GetValue(urls));
            if (settings.Urls.Count == 0)
            {
                throw new DataRefreshException(ExitCodes.Usage, $"web needs an address to listen on: pass --web http://127.0.0.1:8080 or set {ConsoleSettings.Section}:Urls in {services.Origin}.");
            }

            var history = await ServeStores.OpenHistoryAsync(services, cancellationToken);
            await using var app = await ConsoleServing.StartAsync(services, console, settings, history, parseResult.GetValue(folder)!, cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving.
            }

            await app.StopAsync(CancellationToken.None);
            services.Logger.Information("Console stopped");
            return ExitCodes.Success;
        });
        return command;
    }
}
