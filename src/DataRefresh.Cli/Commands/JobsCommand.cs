using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh jobs [--check] [--jobs &lt;folder&gt;]</c>: list every job file with its schedule, next firing and last
/// run, and every problem, without connecting to a source or target database. With <c>--check</c> a bad job file makes
/// the exit code 4, for CI; without it the listing is informational and exits 0.
/// </summary>
internal static class JobsCommand
{
    public static Command Create(CliConsole console)
    {
        var check = new Option<bool>("--check") { Description = "Exit 4 when any job file is invalid (all are still listed)." };
        var folder = CommonOptions.JobsFolder();
        var command = new Command("jobs", "List job files with schedule, next firing and last run, and check them (no source or target connection).");
        command.Options.Add(check);
        command.Options.Add(folder);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var jobsFolder = parseResult.GetValue(folder) ?? "jobs";
            var results = JobFolderCheck.Check(jobsFolder, services.Settings, services.Providers, TimeProvider.System);
            var lastRuns = await ReadLastRunsAsync(services, console.Error, cancellationToken);
            JobListPrinter.Print(results, jobsFolder, lastRuns, console.Out);
            return parseResult.GetValue(check) && results.Any(result => !result.IsValid) ? ExitCodes.InvalidJobOrRules : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The last run of each job, or null with one warning when the history store cannot be read: the listing is about job
    /// files, and <c>--check</c> in CI must not fail because a history database is down.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, RunHistoryEntry>?> ReadLastRunsAsync(CommandServices services, TextWriter error, CancellationToken cancellationToken)
    {
        IHistoryStore? store = null;
        try
        {
            store = services.HistoryToRead();
            return store is null ? new Dictionary<string, RunHistoryEntry>() : await store.LatestRunPerJobAsync(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"warning: last runs unknown, the history store {store?.Location ?? "named in the settings"} could not be read: {services.Providers.Explain(exception).Message}");
            return null;
        }
    }
}
