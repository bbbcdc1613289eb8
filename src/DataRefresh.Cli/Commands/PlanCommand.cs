using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Planning.Subsets;
using DataRefresh.Core.Preflight;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh plan &lt;job&gt;</c>: read the source and show what a run would do, then check what the run will need
/// (privileges on both sides, the copy's size, encryption, drift); writes nothing anywhere.
/// </summary>
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

            // Rules against the schema first (drift stops here, located); then what the run will need, before the dry runs
            // of each table's read, which a missing privilege would fail with less to say.
            var plan = RefreshPlanner.Plan(catalog.Schema, context.Rules);
            var preflight = await RunPreflight.CheckAsync(catalog, plan, context, cancellationToken);
            var missing = preflight.Any(check => check.Status == PreflightStatus.Missing);
            SubsetPlan? subset = null;
            if (!missing)
            {
                plan = await RefreshPlanning.PlanAsync(catalog, context, cancellationToken);
                if (context.Job.Subset is { } definition)
                {
                    // The same closure the run computes, on the source as it is now: exact counts, and a root's where checked.
                    subset = await SubsetClosure.ComputeAsync(catalog, plan, definition, services.Settings.RequireMaskingKey(), context.SourceProvider.DefaultSchema, cancellationToken);
                    plan = subset.Apply(plan);
                }
            }

            PlanPrinter.Print(plan, subset, context, console.Out);
            PreflightPrinter.Print(preflight, console.Out);
            return missing ? ExitCodes.PreflightFailed : ExitCodes.Success;
        });
        return command;
    }
}
