using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>Which columns existing rule files already take care of, and where.</summary>
public sealed class RuleCoverage(IReadOnlyList<TableRule> rules)
{
    private readonly Dictionary<QualifiedName, TableRule> byTable = rules.ToDictionary(rule => rule.Table);

    /// <summary>
    /// What covers the column (<c>rules/crm.yaml:11:7: hash</c>), or null when nothing does. Generated columns count as
    /// covered: the target computes them from the (masked) columns they derive from.
    /// </summary>
    public string? Covering(QualifiedName table, ColumnInfo column)
    {
        if (column.IsGenerated)
        {
            return "generated column, recomputed on the target";
        }

        if (!byTable.TryGetValue(table, out var tableRule))
        {
            return null;
        }

        if (tableRule.Rows == RowSelection.None)
        {
            return $"{tableRule.Location}: rows: none";
        }

        return tableRule.Columns.FirstOrDefault(rule => rule.Column == column.Name) is { } columnRule
            ? $"{columnRule.Location}: {columnRule.Describe()}"
            : null;
    }
}
