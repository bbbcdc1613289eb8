using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Matches rules to the source schema and decides what each table needs. Every mismatch is collected, so one run of
/// <c>plan</c> shows all of them, each located in its rule file.
/// </summary>
public static class RefreshPlanner
{
    public static RefreshPlan Plan(DatabaseSchema schema, RuleSet rules)
    {
        var problems = new List<string>();
        var rulesByTable = new Dictionary<QualifiedName, TableRule>();
        foreach (var tableRule in rules.Tables)
        {
            var table = schema.FindTable(tableRule.Table);
            if (table is null)
            {
                var known = schema.Tables.Select(candidate => candidate.Name.ToString());
                problems.Add($"{tableRule.Location}: the source has no table {tableRule.Table}{DidYouMean.Hint(tableRule.Table.ToString(), known)}.");
                continue;
            }

            rulesByTable[table.Name] = tableRule;
            foreach (var columnRule in tableRule.Columns)
            {
                var column = table.FindColumn(columnRule.Column);
                if (column is null)
                {
                    var known = table.Columns.Select(candidate => candidate.Name);
                    problems.Add($"{columnRule.Location}: table {table.Name} has no column '{columnRule.Column}'{DidYouMean.Hint(columnRule.Column, known)}.");
                }
                else if (MaskerFactory.FindConflict(columnRule, column) is { } conflict)
                {
                    problems.Add($"{columnRule.Location}: column {table.Name}.{column.Name} {conflict}.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DataRefreshException(
                ExitCodes.RulesDoNotMatchSchema,
                $"The rules do not match the source schema ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}); nothing was copied:" +
                Environment.NewLine + string.Join(Environment.NewLine, problems.Select(problem => "  " + problem)));
        }

        var plans = schema.Tables
            .Select(table => PlanTable(table, rulesByTable.GetValueOrDefault(table.Name)))
            .ToDictionary(plan => plan.Table.Name);
        AssignParentFilters(plans);

        var ordered = plans.Values
            .OrderByDescending(plan => plan.CopiesRows ? plan.Table.EstimatedRows : -1)
            .ThenBy(plan => plan.Table.Name.ToString(), StringComparer.Ordinal)
            .ToList();
        return new RefreshPlan(ordered);
    }

    private static TablePlan PlanTable(TableInfo table, TableRule? rule)
    {
        var columns = table.Columns
            .Where(column => !column.IsGenerated)
            .Select(column => new ColumnPlan(column, rule?.Columns.FirstOrDefault(columnRule => columnRule.Column == column.Name)))
            .ToList();
        return new TablePlan(table, columns, rule?.Rows ?? RowSelection.All, rule?.Where, rule?.Location);
    }

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
