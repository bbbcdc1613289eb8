using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Builds the SELECT that reads a table's rows, or one slice of them: the columns, the page range, and the condition
/// <see cref="RowFilterCondition"/> builds from the table's filters.
/// </summary>
internal static class RowFilterSql
{
    /// <param name="columns">The columns to read; null reads every copied column.</param>
    /// <param name="condition">SQL that the rows must also meet (a subset root's where), or null.</param>
    public static string Select(TablePlan plan, TableSlice? slice = null, IReadOnlyList<string>? columns = null, string? condition = null)
    {
        const string alias = "t0";
        var list = string.Join(", ", (columns ?? [.. plan.Columns.Select(column => column.Column.Name)]).Select(column => alias + "." + PostgreSqlDialect.Quote(column)));
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

        if (RowFilterCondition.Build(plan, alias, PostgreSqlDialect.Quote, From) is { } filter)
        {
            conditions.Add(filter);
        }

        if (condition is not null)
        {
            conditions.Add($"({condition})");
        }

        return $"SELECT {list} FROM {From(plan.Table)} AS {alias}" + (conditions.Count == 0 ? "" : $" WHERE {string.Join(" AND ", conditions)}");
    }

    /// <summary>
    /// What a COPY … TO STDOUT reads for a table or slice: the table itself with its column list when the whole of an
    /// unpartitioned table goes unfiltered — the server then scans it without running a query, about a seventh less of
    /// its CPU for a narrow table (and, as with ONLY, without inherited children) — else the <see cref="Select"/> in parentheses.
    /// </summary>
    public static string CopySource(TablePlan plan, TableSlice slice)
    {
        if (slice.IsWhole && !plan.Table.IsPartitioned && RowFilterCondition.Build(plan, "t0", PostgreSqlDialect.Quote, From) is null)
        {
            return $"{PostgreSqlDialect.Quote(plan.Table.Name)} ({string.Join(", ", plan.Columns.Select(column => PostgreSqlDialect.Quote(column.Column.Name)))})";
        }

        return $"({Select(plan, slice)})";
    }

    /// <summary>ONLY for plain tables (inherited children are separate tables); partitioned tables are read with their partitions.</summary>
    public static string From(TableInfo table) => (table.IsPartitioned ? "" : "ONLY ") + PostgreSqlDialect.Quote(table.Name);
}
