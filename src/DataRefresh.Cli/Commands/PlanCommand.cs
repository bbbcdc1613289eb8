using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;

namespace DataRefresh.Cli.Commands;

/// <summary><c>datarefresh plan &lt;job&gt;</c>: read the source and show what a run would do; writes nothing anywhere.</summary>
internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var job = CommonOptions.JobFile();
        var command = new Command("plan", "Show what a run would do (tables in load order, row estimates, masks) without writing anything.") { job };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var context = RefreshContext.Create(parseResult.GetValue(job)!, services.Settings, services.Providers);
            await using var catalog = await context.SourceProvider.OpenCatalogAsync(context.Source, cancellationToken);
            var plan = await RefreshPlanning.PlanAsync(catalog, context, cancellationToken);
            PlanPrinter.Print(plan, context, console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
