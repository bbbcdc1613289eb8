using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh jobs [--check] [--jobs &lt;folder&gt;]</c>: list every job file with its schedule and next firing, and
/// every problem, without connecting to a database. With <c>--check</c> a bad job file makes the exit code 4, for CI;
/// without it the listing is informational and exits 0.
/// </summary>
internal static class JobsCommand
{
    public static Command Create(CliConsole console)
    {
        var check = new Option<bool>("--check") { Description = "Exit 4 when any job file is invalid (all are still listed)." };
        var folder = CommonOptions.JobsFolder();
        var command = new Command("jobs", "List job files with schedule and next firing, and check them (no database connection).");
        command.Options.Add(check);
        command.Options.Add(folder);
        command.SetAction(parseResult =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var jobsFolder = parseResult.GetValue(folder) ?? "jobs";
            var results = JobFolderCheck.Check(jobsFolder, services.Settings, TimeProvider.System);
            JobListPrinter.Print(results, jobsFolder, console.Out);
            return parseResult.GetValue(check) && results.Any(result => !result.IsValid) ? ExitCodes.InvalidJobOrRules : ExitCodes.Success;
        });
        return command;
    }
}
