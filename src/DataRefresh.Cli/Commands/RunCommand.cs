using System.CommandLine;
using DataRefresh.Cli.Auditing;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;
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
            await RunAsync(new RunRequest(parseResult.GetValue(job)!, null, RunOrigin.RunCommand()), services, console, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Runs the job (loaded from its file unless the request carries it) and keeps its audit record and history row,
    /// whatever the outcome (see <see cref="RunRecorder"/>). A job <c>timeout</c> cancels the run like Ctrl+C does.
    /// Failures are thrown, already recorded.
    /// </summary>
    public static async Task<RefreshResult> RunAsync(RunRequest request, CommandServices services, CliConsole console, CancellationToken cancellationToken)
    {
        var recorder = RunRecorder.Create(services);
        await recorder.EnsureWritableAsync(cancellationToken);
        var time = TimeProvider.System;
        var started = time.GetUtcNow();
        var progress = new RefreshProgress();
        progress.Journal.RunId = request.RunId ?? RunIds.New(started);
        RefreshContext? context = null;
        IReadOnlyList<AuditFile> ruleFiles = [];
        var jobFile = request.Job?.File ?? request.JobFile;
        RunFacts Facts(int exitCode, string? error) => new(jobFile, context, ruleFiles, progress, started, time.GetUtcNow(), exitCode, error);

        // Recorded without the run's token: a cancelled run's records must still be written.
        async Task FailAsync(DataRefreshException explained, bool timedOut, CancellationToken recordToken) =>
            await recorder.RecordFailureAsync(Facts(explained.ExitCode, explained.Message), RunOutcomes.FromExitCode(explained.ExitCode, timedOut), recordToken);

        JobDefinition job;
        try
        {
            job = request.Job ?? JobFileLoader.Load(request.JobFile);
        }
        catch (Exception exception)
        {
            // The job file did not load: the history still lists the attempt, under the file's name.
            var explained = services.Providers.Explain(exception);
            await recorder.RecordStartAsync(
                new RunStart(progress.Journal.RunId, Path.GetFileNameWithoutExtension(jobFile), request.Origin.Trigger, request.Origin.Node, started, request.Origin.ScheduledFor, null),
                cancellationToken);
            await FailAsync(explained, timedOut: false, CancellationToken.None);
            throw;
        }

        await recorder.RecordStartAsync(
            new RunStart(progress.Journal.RunId, job.Name, request.Origin.Trigger, request.Origin.Node, started, request.Origin.ScheduledFor, job.Target),
            cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        RefreshResult result;
        try
        {
            context = RefreshContext.Create(job, services.Settings, services.Providers);

            // Hashed when the run starts, right after the rules were read: the audit names the versions that ran.
            ruleFiles = context.Job.RuleFiles.Select(AuditFile.Hash).ToList();
            var maskingKey = services.Settings.RequireMaskingKey();
            if (job.Timeout is { } limit)
            {
                timeout.CancelAfter(limit);
            }

            await using (new ProgressDisplay(progress, console, services.Logger))
            {
                result = await new RefreshRunner(services.Logger, time).RunAsync(context, maskingKey, progress, timeout.Token);
            }
        }
        catch (Exception exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var explained = new DataRefreshException(
                ExitCodes.Cancelled,
                $"the run took longer than the job's timeout ({DurationText.Format(job.Timeout!.Value)}) and was cancelled; the target was not changed.",
                exception);
            await FailAsync(explained, timedOut: true, CancellationToken.None);
            throw explained;
        }
        catch (Exception exception)
        {
            await FailAsync(services.Providers.Explain(exception), timedOut: false, CancellationToken.None);
            throw;
        }

        RunSummary.Print(result, context, console.Out);
        await recorder.RecordSuccessAsync(Facts(ExitCodes.Success, null), context.Target.Name, CancellationToken.None);
        return result;
    }
}

/// <summary>
/// A run to do: the job file, or the job already loaded (a scheduler's <c>then:</c> copy), why it runs, and its id when
/// the caller chose one (to name the run in its own messages).
/// </summary>
internal sealed record RunRequest(string JobFile, JobDefinition? Job, RunOrigin Origin, string? RunId = null);
