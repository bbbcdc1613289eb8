using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Cli.Commands;

/// <summary><c>datarefresh run &lt;job&gt;</c>: refresh the job's target from its source through its rules.</summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var job = CommonOptions.JobFile();
        var command = new Command("run", "Refresh the target of a job: copy the source through the masking rules, then swap the copy in.") { job };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            await RunAsync(parseResult.GetValue(job)!, services, console, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    public static async Task<RefreshResult> RunAsync(string jobFile, CommandServices services, CliConsole console, CancellationToken cancellationToken)
    {
        var context = RefreshContext.Create(jobFile, services.Settings, services.Providers);
        var maskingKey = services.Settings.RequireMaskingKey();
        var progress = new RefreshProgress();
        RefreshResult result;
        await using (new ProgressDisplay(progress, console, services.Logger))
        {
            result = await new RefreshRunner(services.Logger, TimeProvider.System).RunAsync(context, maskingKey, progress, cancellationToken);
        }

        RunSummary.Print(result, context, console.Out);
        return result;
    }
}
