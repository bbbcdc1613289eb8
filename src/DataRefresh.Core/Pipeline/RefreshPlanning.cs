using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Pipeline;

/// <summary>Plans a run against the source as its catalog (or the run's snapshot) shows it, and lets the provider check every table before data moves.</summary>
public static class RefreshPlanning
{
    /// <summary>Every finding about the rules against this source (what <c>validate</c> prints), and the plan.</summary>
    public static async Task<RefreshPlan> CheckAsync(ISourceCatalog catalog, RuleSet rules, CancellationToken cancellationToken = default)
    {
        var plan = RefreshPlanner.Check(catalog.Schema, rules);
        var findings = plan.Findings.ToList();
        foreach (var table in plan.Tables.Where(table => table.CopiesRows))
        {
            if (await catalog.CheckTableAsync(table, cancellationToken) is { } problem)
            {
                findings.Add(new PlanFinding(FindingSeverity.Error, table.RuleLocation, $"{table.Table.Name}: {problem}."));
            }
        }

        return plan with { Findings = findings };
    }

    /// <summary>The plan, or an exception listing every error; a run never starts on one.</summary>
    public static async Task<RefreshPlan> PlanAsync(ISourceCatalog catalog, RefreshContext context, CancellationToken cancellationToken = default) =>
        RefreshPlanner.ThrowOnErrors(await CheckAsync(catalog, context.Rules, cancellationToken));
}
