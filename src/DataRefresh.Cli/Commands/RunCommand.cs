using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Runs;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh run &lt;job&gt;</c>: refresh the job's target from its source through its rules. Only the job at the top
/// of the file: its <c>then:</c> copies run under the scheduler, which knows whether their upstream succeeded.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var job = CommonOptions.JobFile();
        var command = new Command("run", "Refresh the target of a job: copy the source through the masking rules, then swap the copy in. Runs only this job, not the copies under its then: (serve runs those).") { job };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            await services.JobRunner(TimeProvider.System).RunAsync(
                new RunRequest(parseResult.GetValue(job)!, null, RunOrigin.RunCommand()), new ConsoleRunDisplay(console, services.Logger), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
