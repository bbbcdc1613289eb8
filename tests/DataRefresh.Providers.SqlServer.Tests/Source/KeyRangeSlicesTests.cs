using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;
using DataRefresh.Providers.SqlServer.Schema.Catalog;
using DataRefresh.Providers.SqlServer.Source;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DataRefresh.Providers.SqlServer.Tests.Source;

/// <summary>
/// How a big table of a database snapshot is cut into ranges of its clustered key. The ranges' conditions are evaluated
/// by a real SQL engine here (SQLite reads the same bracket-quoted text and parameters; &lt;, &gt;=, IS NULL, AND and OR
/// mean the same there); against SQL Server itself the conformance suite's database snapshot run proves the copy.
/// </summary>
public sealed class KeyRangeSlicesTests
{
    private static readonly QualifiedName Orders = new("sales", "Orders");

    [Fact]
    public void A_table_is_sliced_by_the_leading_integer_column_of_its_clustered_key_or_index_and_read_whole_otherwise()
    {
        var table = Table(Column("OrderId", "bigint", notNull: true), Column("Region", "int", notNull: false), Column("Code", "nvarchar", notNull: true));

        Assert.Equal("OrderId", KeyRangeSlices.SlicingColumn(Catalog(keys: [Key(clustered: true, "OrderId", "Code")]), table)?.Name);
        Assert.Equal("Region", KeyRangeSlices.SlicingColumn(Catalog(keys: [Key(clustered: false, "OrderId")], indexes: [Index("CLUSTERED", "Region")]), table)?.Name);

        // A heap (its primary key nonclustered), a clustered key of text, a clustered columnstore: whole.
        Assert.Null(KeyRangeSlices.SlicingColumn(Catalog(keys: [Key(clustered: false, "OrderId")]), table));
        Assert.Null(KeyRangeSlices.SlicingColumn(Catalog(keys: [Key(clustered: true, "Code", "OrderId")]), table));
        Assert.Null(KeyRangeSlices.SlicingColumn(Catalog(indexes: [Index("CLUSTERED COLUMNSTORE", "OrderId")]), table));

        // Another table's clustered key says nothing about this one.
        Assert.Null(KeyRangeSlices.SlicingColumn(Catalog(keys: [Key(clustered: true, "OrderId") with { Table = new QualifiedName("sales", "Other") }]), table));
    }

    [Theory]
    [InlineData(1, 1_000, 4, 4)]
    [InlineData(-50, 49, 3, 3)]
    [InlineData(7, 9, 8, 3)]
    [InlineData(long.MinValue, long.MaxValue, 5, 5)]
    [InlineData(0, long.MaxValue, 2, 2)]
    public void Ranges_split_the_keys_between_the_smallest_and_largest_evenly_without_overflow_and_never_into_more_ranges_than_values(long minimum, long maximum, int asked, int expected)
    {
        var slices = KeyRangeSlices.Split(minimum, maximum, asked);

        Assert.Equal(expected, slices.Count);
        Assert.Equal(Enumerable.Range(1, expected), slices.Select(slice => slice.Number));
        Assert.All(slices, slice => Assert.Equal(expected, slice.Count));
        Assert.Null(slices[^1].End);
        Assert.Equal(minimum, slices[0].Start);
        for (var index = 1; index < slices.Count; index++)
        {
            Assert.Equal(slices[index - 1].End, slices[index].Start);
            Assert.True(slices[index].Start > slices[index - 1].Start, "boundaries must rise");
        }
    }

    [Fact]
    public void One_key_value_is_one_whole_table()
    {
        Assert.Equal([TableSlice.Whole], KeyRangeSlices.Split(5, 5, 4));
    }

    [Theory]
    [InlineData(false, "int")]
    [InlineData(true, "int")]
    [InlineData(false, "bigint")]
    [InlineData(false, "smallint")]
    public void Every_value_is_read_by_exactly_one_slice_even_outside_the_bounds_and_NULL(bool notNull, string type)
    {
        var column = Column("id", type, notNull);
        var slices = KeyRangeSlices.Split(-20, 80, 4);
        long?[] values = [null, short.MinValue, -21, -20, -19, 4, 5, 6, 30, 54, 55, 56, 79, 80, 81, short.MaxValue];

        using var sqlite = new SqliteConnection("Data Source=:memory:");
        sqlite.Open();
        using (var create = sqlite.CreateCommand())
        {
            create.CommandText = "CREATE TABLE keys ([id] INTEGER); " + string.Join(' ', values.Select(value => $"INSERT INTO keys VALUES ({value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "NULL"});"));
            create.ExecuteNonQuery();
        }

        var readBy = new List<long?>();
        foreach (var slice in slices)
        {
            var range = new KeyRange(column, slice);
            using var bounds = new SqlCommand();
            range.AddBounds(bounds);
            using var select = sqlite.CreateCommand();
            select.CommandText = $"SELECT [id] FROM keys AS t0 WHERE {range.Condition("t0")};";
            foreach (SqlParameter parameter in bounds.Parameters)
            {
                select.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
            }

            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                readBy.Add(reader.IsDBNull(0) ? null : reader.GetInt64(0));
            }
        }

        // A NOT NULL column holds no NULL, so its first slice needs no IS NULL; a nullable one's first slice takes them.
        var expected = notNull ? values.Where(value => value is not null) : values;
        Assert.Equal(expected.Order(), readBy.Order());
    }

    [Fact]
    public void A_slice_s_select_parses_with_its_bounds_as_parameters_of_the_column_s_own_type_and_its_subset_condition_kept()
    {
        var column = Column("OrderId", "int", notNull: true);
        var table = Table(column, Column("Code", "nvarchar", notNull: true));
        var plan = new TablePlan(table, [.. table.Columns.Select(each => new ColumnPlan(each, null))], RowSelection.All, null, null);
        var slices = KeyRangeSlices.Split(1, 100, 3);

        var middle = new KeyRange(column, slices[1]);
        var select = SqlServerRowSelect.Select(plan, condition: "t0.[Code] <> N'x'", range: middle);
        var where = Assert.IsType<QuerySpecification>(Assert.IsType<SelectStatement>(Assert.Single(TSql.Statements(select))).QueryExpression).WhereClause;
        Assert.NotNull(where);
        Assert.Contains("t0.[OrderId] >= @slice_start AND t0.[OrderId] < @slice_end", select, StringComparison.Ordinal);
        Assert.Contains("(t0.[Code] <> N'x')", select, StringComparison.Ordinal);

        using var command = new SqlCommand();
        middle.AddBounds(command);
        Assert.Equal(
            [("@slice_start", System.Data.SqlDbType.Int, (object)slices[1].Start), ("@slice_end", System.Data.SqlDbType.Int, slices[1].End!.Value)],
            command.Parameters.Cast<SqlParameter>().Select(parameter => (parameter.ParameterName, parameter.SqlDbType, parameter.Value)));

        // The first slice has no lower bound, the last no upper one: neither names a parameter it does not bind.
        using var first = new SqlCommand();
        new KeyRange(column, slices[0]).AddBounds(first);
        Assert.Equal(["@slice_end"], first.Parameters.Cast<SqlParameter>().Select(parameter => parameter.ParameterName));
        Assert.DoesNotContain("@slice_start", new KeyRange(column, slices[0]).Condition("t0"), StringComparison.Ordinal);
        Assert.DoesNotContain("@slice_end", new KeyRange(column, slices[^1]).Condition("t0"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_query_reads_the_smallest_and_largest_key_as_bigint()
    {
        var column = Column("OrderId", "int", notNull: true);
        var query = KeyRangeSlices.MinMax(Table(column), column);

        Assert.IsType<SelectStatement>(Assert.Single(TSql.Statements(query)));
        Assert.Equal("SELECT CAST(MIN([OrderId]) AS bigint), CAST(MAX([OrderId]) AS bigint) FROM [sales].[Orders];", query);
    }

    private static ColumnInfo Column(string name, string type, bool notNull) =>
        SqlServerTypes.Column(name, type, type == "nvarchar" ? (short)40 : (short)8, 0, 0, notNull, false);

    private static TableInfo Table(params ColumnInfo[] columns) => new(Orders, columns, [], 1_000_000, false);

    private static CatalogKey Key(bool clustered, params string[] columns) =>
        new(Orders, "PK_Orders", Primary: true, clustered, [.. columns.Select(column => new CatalogIndexColumn(column))]);

    private static CatalogIndex Index(string kind, params string[] columns) =>
        new(Orders, "IX_Orders", Unique: false, kind, [.. columns.Select(column => new CatalogIndexColumn(column))], []);

    private static SqlServerCatalog Catalog(IReadOnlyList<CatalogKey>? keys = null, IReadOnlyList<CatalogIndex>? indexes = null) =>
        new([], [], [], [], [], keys ?? [], indexes ?? [], [], [], [], [], []);
}
