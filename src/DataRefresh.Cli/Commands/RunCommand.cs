using System.CommandLine;
using DataRefresh.Cli.Auditing;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;

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
            await RunAsync(parseResult.GetValue(job)!, services, console, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs the job and keeps its audit record, whatever the outcome (see <see cref="RunRecorder"/>).</summary>
    public static async Task<RefreshResult> RunAsync(string jobFile, CommandServices services, CliConsole console, CancellationToken cancellationToken)
    {
        var recorder = RunRecorder.Create(services);
        await recorder.EnsureWritableAsync(cancellationToken);
        var started = TimeProvider.System.GetUtcNow();
        var progress = new RefreshProgress();
        RefreshContext? context = null;
        IReadOnlyList<AuditFile> ruleFiles = [];
        RunFacts Facts(int exitCode, string? error) => new(jobFile, context, ruleFiles, progress, started, TimeProvider.System.GetUtcNow(), exitCode, error);

        RefreshResult result;
        try
        {
            context = RefreshContext.Create(jobFile, services.Settings, services.Providers);

            // Hashed when the run starts, right after the rules were read: the audit names the versions that ran.
            ruleFiles = context.Job.RuleFiles.Select(AuditFile.Hash).ToList();
            var maskingKey = services.Settings.RequireMaskingKey();
            await using (new ProgressDisplay(progress, console, services.Logger))
            {
                result = await new RefreshRunner(services.Logger, TimeProvider.System).RunAsync(context, maskingKey, progress, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            var explained = ErrorReporter.Explain(exception);
            await recorder.RecordFailureAsync(Facts(explained.ExitCode, explained.Message));
            throw;
        }

        RunSummary.Print(result, context, console.Out);
        await recorder.RecordSuccessAsync(Facts(ExitCodes.Success, null), context.Target.Name);
        return result;
    }
}
