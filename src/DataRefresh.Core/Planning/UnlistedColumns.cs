using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Default-deny: a copied column that no rule masks or keeps (and that inherits no key's mask) is an error under
/// <c>unlisted: fail</c>, a warning under <c>warn</c>, and copied as it is under <c>keep</c>.
/// </summary>
internal static class UnlistedColumns
{
    public static void Apply(IEnumerable<TablePlan> plans, RuleSet rules, List<PlanFinding> findings)
    {
        if (rules.Unlisted == UnlistedPolicy.Keep)
        {
            return;
        }

        var severity = rules.Unlisted == UnlistedPolicy.Fail ? FindingSeverity.Error : FindingSeverity.Warning;
        foreach (var plan in plans.Where(plan => plan.CopiesRows).OrderBy(plan => plan.Table.Name.ToString(), StringComparer.Ordinal))
        {
            var unlisted = plan.Columns.Where(column => column.Mask is null).Select(column => column.Column.Name).ToList();
            if (unlisted.Count > 0)
            {
                findings.Add(new(severity, plan.RuleLocation,
                    $"{plan.Table.Name} has {(unlisted.Count == 1 ? "a column" : "columns")} no rule masks or keeps: {string.Join(", ", unlisted)} (unlisted: {rules.Unlisted.ToString().ToLowerInvariant()}); " +
                    "give each a mask, or mask: keep with a reason."));
            }
        }
    }
}
