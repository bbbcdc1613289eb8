using System.Globalization;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// The WHERE condition that chooses a table's rows, in any SQL dialect: its own <c>where</c> filter, and for every
/// filtered parent an EXISTS that keeps only rows whose foreign key still finds its parent (or is NULL), so foreign keys
/// can be created after the load. Identifiers go through the dialect's <c>quote</c>; tables through its <c>from</c>.
/// </summary>
public static class RowFilterCondition
{
    /// <summary>The condition on the table aliased <paramref name="alias"/>, or null when every row goes.</summary>
    public static string? Build(TablePlan plan, string alias, Func<string, string> quote, Func<TableInfo, string> from) =>
        Condition(plan, alias, [plan.Table.Name], new AliasCounter(), quote, from);

    private static string? Condition(TablePlan plan, string alias, HashSet<QualifiedName> path, AliasCounter aliases, Func<string, string> quote, Func<TableInfo, string> from)
    {
        var parts = new List<string>();
        if (plan.Rows == Rules.RowSelection.None)
        {
            parts.Add("1 = 0");
        }

        if (plan.Where is not null)
        {
            parts.Add($"({plan.Where})");
        }

        foreach (var filter in plan.ParentFilters)
        {
            // A cycle of foreign keys stops here: the parent on the path is already being filtered further out.
            if (!path.Add(filter.Parent.Table.Name))
            {
                continue;
            }

            var parentAlias = aliases.Next();
            var join = filter.ForeignKey.Columns.Zip(filter.ForeignKey.ReferencedColumns)
                .Select(pair => $"{parentAlias}.{quote(pair.Second)} = {alias}.{quote(pair.First)}");
            var parentCondition = Condition(filter.Parent, parentAlias, path, aliases, quote, from);
            path.Remove(filter.Parent.Table.Name);

            var nulls = filter.ForeignKey.Columns.Select(column => $"{alias}.{quote(column)} IS NULL");
            var exists = $"EXISTS (SELECT 1 FROM {from(filter.Parent.Table)} AS {parentAlias} WHERE {string.Join(" AND ", join)}"
                + (parentCondition is null ? "" : $" AND {parentCondition}") + ")";
            parts.Add("(" + string.Join(" OR ", nulls.Append(exists)) + ")");
        }

        return parts.Count == 0 ? null : string.Join(" AND ", parts);
    }

    private sealed class AliasCounter
    {
        private int next = 1;

        public string Next() => "t" + (next++).ToString(CultureInfo.InvariantCulture);
    }
}
