using DataRefresh.Cli.Commands;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Web.Hosting;
using Microsoft.AspNetCore.Builder;

namespace DataRefresh.Cli.Serving;

/// <summary>Starts the web console for <c>web</c> and <c>serve</c>, on the command's settings, history store and jobs folder.</summary>
internal static class ConsoleServing
{
    /// <summary>The console's settings with <c>--web</c> in place of <c>DataRefresh:Web:Urls</c> when given.</summary>
    public static ConsoleSettings Settings(CommandServices services, string? urls) => ConsoleSettings.Load(services.Configuration, services.Origin, urls);

    /// <summary>Starts it and says where it listens (on standard output, for people and scripts alike).</summary>
    public static async Task<WebApplication> StartAsync(CommandServices services, CliConsole console, ConsoleSettings settings, IHistoryStore history, string jobsFolder, CancellationToken cancellationToken)
    {
        var app = ConsoleHost.Build(new ConsoleContext(history, services.AuditTrail(history), services.Settings, services.Providers, jobsFolder, TimeProvider.System, services.Logger), settings);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new DataRefreshException(ExitCodes.Configuration, $"the console could not listen on {string.Join(", ", settings.Urls)} ({exception.Message.TrimEnd('.')}); choose another address in {ConsoleSettings.Section}:Urls or --web.");
        }

        var addresses = ConsoleHost.Addresses(app);
        services.Logger.Information("Console listening on {Addresses}; history: {History}", addresses, history.Location);
        await console.Out.WriteLineAsync($"Console listening on {string.Join(" ", addresses)}");
        return app;
    }
}
