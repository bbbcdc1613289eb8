using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Source;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// The SELECT that reads a table's planned columns and rows: the condition <see cref="RowFilterCondition"/> builds from
/// its filters. Columns of CLR types (hierarchyid, geography, geometry) are read as their serialized bytes, which the
/// client can carry without Microsoft.SqlServer.Types and the target takes back as they are.
/// </summary>
internal static class SqlServerRowSelect
{
    /// <param name="columns">The columns to read; null reads every copied column.</param>
    /// <param name="condition">SQL that the rows must also meet (a subset root's where), or null.</param>
    /// <param name="range">The slice of the table to read, or null for all of it; its bounds are the command's parameters (<see cref="KeyRange.AddBounds"/>).</param>
    public static string Select(TablePlan plan, IReadOnlyList<string>? columns = null, string? condition = null, KeyRange? range = null) =>
        Select(plan.Table, columns ?? [.. plan.Columns.Select(column => column.Column.Name)], [RowFilterCondition.Build(plan, Alias, SqlServerDialect.Quote, From), condition is null ? null : $"({condition})", range?.Condition(Alias)]);

    /// <summary>Every row of <paramref name="columns"/> of a table.</summary>
    public static string Select(TableInfo table, IReadOnlyList<string> columns, IReadOnlyList<string?>? conditions = null)
    {
        var list = string.Join(", ", columns.Select(name => Read(table.FindColumn(name), name)));
        var where = (conditions ?? []).OfType<string>().ToList();
        return $"SELECT {list} FROM {From(table)} AS {Alias}" + (where.Count == 0 ? "" : $" WHERE {string.Join(" AND ", where)}");
    }

    private const string Alias = "t0";

    private static string Read(ColumnInfo? column, string name)
    {
        var quoted = Alias + "." + SqlServerDialect.Quote(name);
        return column is not null && SqlServerTypes.IsClrType(column.NativeType) ? $"CAST({quoted} AS varbinary(max)) AS {SqlServerDialect.Quote(name)}" : quoted;
    }

    private static string From(TableInfo table) => SqlServerDialect.Quote(table.Name);
}
