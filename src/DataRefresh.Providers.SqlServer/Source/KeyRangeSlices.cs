using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// Cuts a big table into ranges of its clustered index's leading column when that column is an integer, so each range
/// is one seek and scan of the clustered index. Slice 1 reaches down without a bound and takes the column's NULLs, the
/// last slice reaches up without one, so every row is in exactly one slice whatever the boundaries. A heap, or a table
/// clustered on another type, is read whole: a range of anything else would scan the whole table once per slice.
/// Boundaries travel as parameters: they come from the table's smallest and largest key.
/// </summary>
internal static class KeyRangeSlices
{
    /// <summary>The column a table is sliced by, or null when it is read whole.</summary>
    public static ColumnInfo? SlicingColumn(SqlServerCatalog catalog, TableInfo table)
    {
        var leading = catalog.Keys.FirstOrDefault(key => key.Table == table.Name && key.Clustered)?.Columns[0].Name
            ?? catalog.Indexes.FirstOrDefault(index => index.Table == table.Name && index.Kind == "CLUSTERED")?.Columns[0].Name;
        return leading is not null && table.FindColumn(leading) is { Category: ColumnCategory.Integer } column ? column : null;
    }

    /// <summary>The smallest and largest value of the slicing column (NULLs aside), or NULLs for an empty table.</summary>
    public static string MinMax(TableInfo table, ColumnInfo column) =>
        $"SELECT CAST(MIN({SqlServerDialect.Quote(column.Name)}) AS bigint), CAST(MAX({SqlServerDialect.Quote(column.Name)}) AS bigint) FROM {SqlServerDialect.Quote(table.Name)};";

    /// <summary>Up to <paramref name="count"/> equal ranges of [<paramref name="minimum"/>, <paramref name="maximum"/>]; never more ranges than values.</summary>
    public static IReadOnlyList<TableSlice> Split(long minimum, long maximum, int count)
    {
        // Int128: the width of a bigint's whole range does not fit in a long.
        var width = (Int128)maximum - minimum + 1;
        count = (int)Int128.Min(count, width);
        if (count <= 1)
        {
            return [TableSlice.Whole];
        }

        long Boundary(int index) => (long)(minimum + (width * index / count));
        return [.. Enumerable.Range(0, count).Select(index => new TableSlice(index + 1, count, Boundary(index), index == count - 1 ? null : Boundary(index + 1)))];
    }
}

/// <summary>One slice of a table as a range of its slicing column (<see cref="KeyRangeSlices"/>).</summary>
internal sealed record KeyRange(ColumnInfo Column, TableSlice Slice)
{
    private const string StartParameter = "@slice_start";
    private const string EndParameter = "@slice_end";

    /// <summary>The condition that keeps the slice's rows, over the reading alias <paramref name="alias"/>.</summary>
    public string Condition(string alias)
    {
        var quoted = alias + "." + SqlServerDialect.Quote(Column.Name);
        return (Slice.Number, Slice.End) switch
        {
            (1, _) when Column.NotNull => $"{quoted} < {EndParameter}",
            (1, _) => $"({quoted} < {EndParameter} OR {quoted} IS NULL)",
            (_, null) => $"{quoted} >= {StartParameter}",
            _ => $"{quoted} >= {StartParameter} AND {quoted} < {EndParameter}",
        };
    }

    /// <summary>
    /// The boundaries <see cref="Condition"/> names, as parameters of the column's own type, so comparing them with the
    /// column converts nothing and the range stays a seek.
    /// </summary>
    public void AddBounds(SqlCommand command)
    {
        var type = Column.Precision switch
        {
            8 => System.Data.SqlDbType.TinyInt,
            16 => System.Data.SqlDbType.SmallInt,
            32 => System.Data.SqlDbType.Int,
            _ => System.Data.SqlDbType.BigInt,
        };
        if (Slice.Number > 1)
        {
            command.Parameters.Add(StartParameter, type).Value = Slice.Start;
        }

        if (Slice.End is { } end)
        {
            command.Parameters.Add(EndParameter, type).Value = end;
        }
    }
}
