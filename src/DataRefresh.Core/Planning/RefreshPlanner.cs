using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Matches rules to the source schema and decides what each table needs. Every finding is collected, so one run of
/// <c>validate</c> or <c>plan</c> shows all of them, each located in its rule file; a run refuses to start on any error
/// (<see cref="Pipeline.RefreshPlanning"/>).
/// </summary>
public static class RefreshPlanner
{
    /// <summary>The plan, or an exception listing every error (warnings stay in the plan's findings).</summary>
    public static RefreshPlan Plan(DatabaseSchema schema, RuleSet rules) => ThrowOnErrors(Check(schema, rules));

    public static RefreshPlan ThrowOnErrors(RefreshPlan plan)
    {
        var errors = plan.Errors.ToList();
        return errors.Count == 0
            ? plan
            : throw new DataRefreshException(
                ExitCodes.RulesDoNotMatchSchema,
                $"The rules do not match the source ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}); nothing was copied:" +
                Environment.NewLine + string.Join(Environment.NewLine, errors.Select(problem => "  " + problem)));
    }

    /// <summary>Validates <paramref name="rules"/> against <paramref name="schema"/> and plans what it can.</summary>
    public static RefreshPlan Check(DatabaseSchema schema, RuleSet rules)
    {
        var findings = new List<PlanFinding>();
        var rulesByTable = new Dictionary<QualifiedName, TableRule>();
        foreach (var tableRule in rules.Tables)
        {
            var table = schema.FindTable(tableRule.Table);
            if (table is null)
            {
                var known = schema.Tables.Select(candidate => candidate.Name.ToString());
                findings.Add(new(FindingSeverity.Error, tableRule.Location, $"the source has no table {tableRule.Table}{DidYouMean.Hint(tableRule.Table.ToString(), known)}."));
                continue;
            }

            rulesByTable[table.Name] = tableRule;
            foreach (var columnRule in tableRule.Columns)
            {
                RuleChecks.CheckColumn(table, columnRule, findings);
            }
        }

        var columns = schema.Tables.ToDictionary(table => table.Name, table => PlanColumns(table, rulesByTable.GetValueOrDefault(table.Name)));
        RuleChecks.CheckDomains(columns, findings);
        KeyPropagation.Apply(schema, columns, findings);

        var plans = schema.Tables
            .Select(table => new TablePlan(table, columns[table.Name], rulesByTable.GetValueOrDefault(table.Name)?.Rows ?? RowSelection.All,
                rulesByTable.GetValueOrDefault(table.Name)?.Where, rulesByTable.GetValueOrDefault(table.Name)?.Location))
            .ToDictionary(plan => plan.Table.Name);
        var uniqueDomains = UniquenessCheck.Apply(plans.Values, findings);
        UnlistedColumns.Apply(plans.Values, rules, findings);
        var largeObjects = LargeObjectPlan.Decide(schema, rules, findings);
        AssignParentFilters(plans);

        var ordered = plans.Values
            .OrderByDescending(plan => plan.CopiesRows ? plan.Table.EstimatedRows : -1)
            .ThenBy(plan => plan.Table.Name.ToString(), StringComparer.Ordinal)
            .ToList();
        return new RefreshPlan(ordered, findings, uniqueDomains, largeObjects);
    }

    private static List<ColumnPlan> PlanColumns(TableInfo table, TableRule? rule) => table.Columns
        .Where(column => !column.IsGenerated)
        .Select(column =>
        {
            var columnRule = rule?.FindColumn(column.Name);
            return new ColumnPlan(column, columnRule) { Unique = table.IsUnique(column.Name) || columnRule?.Unique == true };
        })
        .ToList();

    /// <summary>
    /// A table loses rows when it is filtered itself or when a parent it references loses rows; repeat until nothing changes,
    /// since filters travel down chains of foreign keys. Self-references are left out: a row's own table is filtered the same way.
    /// </summary>
    private static void AssignParentFilters(Dictionary<QualifiedName, TablePlan> plans)
    {
        IEnumerable<ForeignKeyInfo> ParentKeys(TablePlan plan) => plan.Table.ForeignKeys
            .Where(foreignKey => foreignKey.ReferencedTable != plan.Table.Name && plans.ContainsKey(foreignKey.ReferencedTable));

        var losesRows = plans.Values.Where(plan => plan.IsFiltered).Select(plan => plan.Table.Name).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var plan in plans.Values.Where(plan => !losesRows.Contains(plan.Table.Name)))
            {
                if (ParentKeys(plan).Any(foreignKey => losesRows.Contains(foreignKey.ReferencedTable)))
                {
                    changed |= losesRows.Add(plan.Table.Name);
                }
            }
        }
        while (changed);

        foreach (var plan in plans.Values)
        {
            plan.ParentFilters = ParentKeys(plan)
                .Where(foreignKey => losesRows.Contains(foreignKey.ReferencedTable))
                .Select(foreignKey => new ParentFilter(foreignKey, plans[foreignKey.ReferencedTable]))
                .ToList();
        }
    }
}
