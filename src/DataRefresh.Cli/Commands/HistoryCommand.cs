using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh history [job] [--limit N] [--format text|json]</c>: the run history, newest first: every run that
/// started, including those still running and those whose process died (interrupted).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(CliConsole console)
    {
        var job = new Argument<string?>("job") { Description = "Only runs of the job with this name.", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first.", DefaultValueFactory = _ => 20 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        var format = new Option<string>("--format") { Description = "text (a line per run) or json (an array, with rows per table).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("history", "List past and running runs, newest first: when, job, outcome, duration, rows, trigger, node.") { job, limit, format };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var jobName = parseResult.GetValue(job);
            var store = services.HistoryToRead();
            var runs = store is null ? [] : await store.ReadRunsAsync(new RunQuery(jobName, parseResult.GetValue(limit)), cancellationToken);
            if (parseResult.GetValue(format) == "json")
            {
                HistoryPrinter.PrintJson(runs, console.Out);
            }
            else
            {
                HistoryPrinter.PrintText(runs, jobName, store?.Location ?? services.Audit.HistoryFile, console.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
