using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>The SELECT that reads a table's planned columns and rows: the condition <see cref="RowFilterCondition"/> builds from its filters.</summary>
internal static class SqliteRowSelect
{
    /// <param name="columns">The columns to read; null reads every copied column.</param>
    /// <param name="condition">SQL that the rows must also meet (a subset root's where), or null.</param>
    public static string Select(TablePlan plan, IReadOnlyList<string>? columns = null, string? condition = null)
    {
        const string alias = "t0";
        var list = string.Join(", ", (columns ?? [.. plan.Columns.Select(column => column.Column.Name)]).Select(column => alias + "." + SqliteDialect.Quote(column)));
        var conditions = new[] { RowFilterCondition.Build(plan, alias, SqliteDialect.Quote, From), condition is null ? null : $"({condition})" }.OfType<string>().ToList();
        return $"SELECT {list} FROM {From(plan.Table)} AS {alias}" + (conditions.Count == 0 ? "" : $" WHERE {string.Join(" AND ", conditions)}");
    }

    private static string From(TableInfo table) => SqliteDialect.Quote(table.Name);
}
