using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Pipeline;

/// <summary>Plans a run against the source as it is inside the snapshot, and lets the provider check every table before data moves.</summary>
public static class RefreshPlanning
{
    public static async Task<RefreshPlan> PlanAsync(ISourceSnapshot snapshot, RefreshContext context, CancellationToken cancellationToken = default)
    {
        var plan = RefreshPlanner.Plan(snapshot.Schema, context.Rules);
        var problems = new List<string>();
        foreach (var table in plan.Tables.Where(table => table.CopiesRows))
        {
            if (await snapshot.CheckTableAsync(table, cancellationToken) is { } problem)
            {
                var where = table.RuleLocation is null ? "" : $"{table.RuleLocation}: ";
                problems.Add($"  {where}{table.Table.Name}: {problem}");
            }
        }

        return problems.Count == 0
            ? plan
            : throw new DataRefreshException(
                ExitCodes.RulesDoNotMatchSchema,
                "The plan cannot run on this source; nothing was copied:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }
}
