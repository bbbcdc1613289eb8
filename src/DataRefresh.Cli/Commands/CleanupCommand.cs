using System.CommandLine;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh cleanup [--env &lt;name&gt;]... [--dry-run]</c>: drops the side databases that killed runs left next to the
/// targets of non-production environments. Each target is locked as a run would lock it, so the side database of a run
/// that is still going is never taken for a leftover; a target whose lock is held is skipped. Production is never touched.
/// </summary>
internal static class CleanupCommand
{
    public static Command Create(CliConsole console)
    {
        var environments = new Option<string[]>("--env") { Description = "Only these environments (repeat for several); default: every non-production one." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be removed." };
        var command = new Command("cleanup", "Drop side databases that interrupted runs left next to non-production targets.") { environments, dryRun };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            return await RunAsync(services, console, parseResult.GetValue(environments) ?? [], parseResult.GetValue(dryRun), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CommandServices services, CliConsole console, string[] names, bool dryRun, CancellationToken cancellationToken)
    {
        // Every name is checked before any connection, so a typo does not leave half the work done.
        var chosen = names.Length == 0
            ? services.Settings.Environments.Keys.Order(StringComparer.Ordinal).Select(name => services.Settings.GetEnvironment(name)).ToList()
            : names.Distinct(StringComparer.Ordinal).Select(name => services.Settings.GetEnvironment(name)).ToList();

        var exitCode = ExitCodes.Success;
        foreach (var environment in chosen)
        {
            try
            {
                // A source keeps only what runs created on its server (database snapshots); its databases are never touched.
                await CleanSourceAsync(services, console, environment, dryRun, cancellationToken);
                if (environment.Production)
                {
                    if (names.Length > 0)
                    {
                        console.Out.WriteLine($"{environment.Name}: skipped; it is a production environment, and cleanup never touches production's databases.");
                    }

                    continue;
                }

                await CleanAsync(services, console, environment, dryRun, cancellationToken);
            }
            catch (DataRefreshException exception) when (exception.ExitCode == ExitCodes.DatabaseUnavailable)
            {
                // The other environments are still worth cleaning; the exit code says one could not be reached.
                console.Error.WriteLine($"error: {environment.Name}: {exception.Message}");
                exitCode = ExitCodes.DatabaseUnavailable;
            }
        }

        return exitCode;
    }

    private static async Task CleanSourceAsync(CommandServices services, CliConsole console, EnvironmentSettings environment, bool dryRun, CancellationToken cancellationToken)
    {
        var provider = services.Providers.Get(environment);
        foreach (var leftover in await provider.FindSourceLeftoversAsync(environment, cancellationToken))
        {
            if (!dryRun && !await provider.DropSourceLeftoverAsync(environment, leftover, cancellationToken))
            {
                continue;
            }

            services.Logger.Information("{Action} {Snapshot}, left on the server of {Environment} by a killed run", dryRun ? "Would drop" : "Dropped", leftover, environment.Name);
            console.Out.WriteLine($"{environment.Name}: {(dryRun ? "would remove" : "removed")} {leftover} (left on the source's server by a killed run)");
        }
    }

    private static async Task CleanAsync(CommandServices services, CliConsole console, EnvironmentSettings environment, bool dryRun, CancellationToken cancellationToken)
    {
        var provider = services.Providers.Get(environment);
        await using var targetLock = await provider.TryLockTargetAsync(environment, cancellationToken);
        if (targetLock is null)
        {
            console.Out.WriteLine($"{environment.Name}: skipped; a run is refreshing this target right now.");
            return;
        }

        var leftovers = await targetLock.FindLeftoversAsync(cancellationToken);
        if (leftovers.Count == 0)
        {
            console.Out.WriteLine($"{environment.Name}: nothing to remove next to {targetLock.TargetDatabase}.");
            return;
        }

        foreach (var leftover in leftovers)
        {
            if (!dryRun)
            {
                await targetLock.DropLeftoverAsync(leftover, cancellationToken);
                services.Logger.Information("Dropped {Database}, left behind by an earlier run of {Target}", leftover, targetLock.TargetDatabase);
            }

            console.Out.WriteLine($"{environment.Name}: {(dryRun ? "would remove" : "removed")} {leftover}");
        }
    }
}
