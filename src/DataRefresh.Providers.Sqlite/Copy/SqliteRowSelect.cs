using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>The SELECT that reads a table's planned columns and rows: the condition <see cref="RowFilterCondition"/> builds from its filters.</summary>
internal static class SqliteRowSelect
{
    public static string Select(TablePlan plan)
    {
        const string alias = "t0";
        var columns = string.Join(", ", plan.Columns.Select(column => alias + "." + SqliteDialect.Quote(column.Column.Name)));
        var condition = RowFilterCondition.Build(plan, alias, SqliteDialect.Quote, From);
        return $"SELECT {columns} FROM {From(plan.Table)} AS {alias}" + (condition is null ? "" : $" WHERE {condition}");
    }

    private static string From(TableInfo table) => SqliteDialect.Quote(table.Name);
}
