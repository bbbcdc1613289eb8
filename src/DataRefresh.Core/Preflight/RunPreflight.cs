using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Preflight;

/// <summary>
/// What <c>plan</c> checks before a first run, reading only: the source's side (every planned table and large object
/// readable, the size of the copy, an unencrypted connection to production) from its catalog, the target's side (may
/// create the side database, rename the target) from its server, and rules the live schema has drifted from.
/// </summary>
public static class RunPreflight
{
    public static async Task<IReadOnlyList<PreflightCheck>> CheckAsync(ISourceCatalog catalog, RefreshPlan plan, RefreshContext context, CancellationToken cancellationToken = default)
    {
        var checks = new List<PreflightCheck>();
        checks.AddRange(await catalog.PreflightAsync(plan, context.Source, cancellationToken));
        checks.AddRange(await context.TargetProvider.PreflightTargetAsync(context.Target, cancellationToken));
        checks.Add(Drift(plan));
        return checks;
    }

    /// <summary>Rules that no longer fit the schema stop the plan with their locations; what is left here are the warnings.</summary>
    private static PreflightCheck Drift(RefreshPlan plan)
    {
        var warnings = plan.Findings.Where(finding => finding.Severity == FindingSeverity.Warning).ToList();
        return warnings.Count == 0
            ? PreflightCheck.Ok("the rules decide every column of the live schema (no drift since they were written)")
            : PreflightCheck.Warning($"the live schema has drifted from the rules: {warnings.Count} warning(s), e.g. {warnings[0]}; run validate for all of them");
    }
}
