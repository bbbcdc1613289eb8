using System.Globalization;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Builds the SELECT that reads a table's rows: its own <c>where</c> filter, and for every filtered parent an EXISTS that
/// keeps only rows whose foreign key still finds its parent (or is NULL), so foreign keys can be created after the load.
/// </summary>
internal static class RowFilterSql
{
    public static string Select(TablePlan plan, TableSlice? slice = null)
    {
        const string alias = "t0";
        var columns = string.Join(", ", plan.Columns.Select(column => alias + "." + PostgreSqlDialect.Quote(column.Column.Name)));
        var conditions = new List<string>();
        if (slice is { IsWhole: false })
        {
            // Page ranges on ctid become a TID range scan: each slice reads only its own pages.
            conditions.Add(FormattableString.Invariant($"{alias}.ctid >= '({slice.Start},0)'::tid"));
            if (slice.End is { } end)
            {
                conditions.Add(FormattableString.Invariant($"{alias}.ctid < '({end},0)'::tid"));
            }
        }

        if (Condition(plan, alias, [plan.Table.Name], new AliasCounter()) is { } condition)
        {
            conditions.Add(condition);
        }

        return $"SELECT {columns} FROM {From(plan.Table)} AS {alias}" + (conditions.Count == 0 ? "" : $" WHERE {string.Join(" AND ", conditions)}");
    }

    /// <summary>ONLY for plain tables (inherited children are separate tables); partitioned tables are read with their partitions.</summary>
    public static string From(TableInfo table) => (table.IsPartitioned ? "" : "ONLY ") + PostgreSqlDialect.Quote(table.Name);

    private static string? Condition(TablePlan plan, string alias, HashSet<QualifiedName> path, AliasCounter aliases)
    {
        var parts = new List<string>();
        if (plan.Rows == RowSelection.None)
        {
            parts.Add("false");
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
                .Select(pair => $"{parentAlias}.{PostgreSqlDialect.Quote(pair.Second)} = {alias}.{PostgreSqlDialect.Quote(pair.First)}");
            var parentCondition = Condition(filter.Parent, parentAlias, path, aliases);
            path.Remove(filter.Parent.Table.Name);

            var nulls = filter.ForeignKey.Columns.Select(column => $"{alias}.{PostgreSqlDialect.Quote(column)} IS NULL");
            var exists = $"EXISTS (SELECT 1 FROM {From(filter.Parent.Table)} AS {parentAlias} WHERE {string.Join(" AND ", join)}"
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
