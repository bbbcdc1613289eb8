using DataRefresh.Core.Schema;
using DataRefresh.Providers.SqlServer.Schema;

namespace DataRefresh.Providers.SqlServer.Tests.SchemaModel;

public sealed class SqlServerTypesTests
{
    [Theory]
    [InlineData("nvarchar", 400, 0, 0, ColumnCategory.Text, "nvarchar(200)", 200, null, null)]
    [InlineData("varchar", -1, 0, 0, ColumnCategory.Text, "varchar(max)", null, null, null)]
    [InlineData("char", 2, 0, 0, ColumnCategory.Text, "char(2)", 2, null, null)]
    [InlineData("tinyint", 1, 3, 0, ColumnCategory.Integer, "tinyint", null, 8, null)]
    [InlineData("smallint", 2, 5, 0, ColumnCategory.Integer, "smallint", null, 16, null)]
    [InlineData("int", 4, 10, 0, ColumnCategory.Integer, "int", null, 32, null)]
    [InlineData("bigint", 8, 19, 0, ColumnCategory.Integer, "bigint", null, 64, null)]
    [InlineData("decimal", 17, 38, 4, ColumnCategory.Numeric, "decimal(38, 4)", null, 38, 4)]
    [InlineData("money", 8, 19, 4, ColumnCategory.Numeric, "money", null, 19, 4)]
    [InlineData("smallmoney", 4, 10, 4, ColumnCategory.Numeric, "smallmoney", null, 10, 4)]
    [InlineData("bit", 1, 1, 0, ColumnCategory.Boolean, "bit", null, null, null)]
    [InlineData("date", 3, 10, 0, ColumnCategory.Date, "date", null, null, null)]
    [InlineData("datetime2", 8, 27, 7, ColumnCategory.Timestamp, "datetime2(7)", null, null, null)]
    [InlineData("datetime", 8, 23, 3, ColumnCategory.Timestamp, "datetime", null, null, null)]
    [InlineData("datetimeoffset", 10, 34, 7, ColumnCategory.TimestampWithTimeZone, "datetimeoffset(7)", null, null, null)]
    [InlineData("uniqueidentifier", 16, 0, 0, ColumnCategory.Uuid, "uniqueidentifier", null, null, null)]
    [InlineData("varbinary", -1, 0, 0, ColumnCategory.Binary, "varbinary(max)", null, null, null)]
    [InlineData("json", -1, 0, 0, ColumnCategory.Json, "json", null, null, null)]
    [InlineData("xml", -1, 0, 0, ColumnCategory.Other, "xml", null, null, null)]
    [InlineData("time", 5, 16, 7, ColumnCategory.Other, "time(7)", null, null, null)]
    [InlineData("sql_variant", 8016, 0, 0, ColumnCategory.Other, "sql_variant", null, null, null)]
    [InlineData("geography", -1, 0, 0, ColumnCategory.Other, "geography", null, null, null)]
    public void Every_system_type_has_a_category_a_declaration_and_its_bounds(
        string type, short maxLength, byte precision, byte scale, ColumnCategory category, string declaration, int? length, int? numericPrecision, int? numericScale)
    {
        var column = SqlServerTypes.Column("c", type, maxLength, precision, scale, notNull: false, isGenerated: false);

        Assert.Equal(category, column.Category);
        Assert.Equal(declaration, column.DataType);
        Assert.Equal(length, column.MaxLength);
        Assert.Equal(numericPrecision, column.Precision);
        Assert.Equal(numericScale, column.Scale);
        Assert.False(column.IsGenerated);
    }

    [Theory]
    [InlineData("float", 53, "float")]
    [InlineData("real", 24, "real")]
    public void Floating_point_types_are_numbers_held_as_double(string type, byte precision, string declaration)
    {
        var column = SqlServerTypes.Column("c", type, 8, precision, 0, notNull: true, isGenerated: false);

        Assert.True(column.FloatingPoint);
        Assert.Equal(ColumnCategory.Numeric, column.Category);
        Assert.Equal(declaration, column.DataType);
    }

    [Fact]
    public void Rowversion_is_generated_by_the_target_and_never_copied()
    {
        var column = SqlServerTypes.Column("version", "timestamp", 8, 0, 0, notNull: true, isGenerated: false);

        Assert.True(column.IsGenerated);
        Assert.Equal("rowversion", column.DataType);
    }

    [Theory]
    [InlineData("geography", true)]
    [InlineData("HierarchyId", true)]
    [InlineData("varbinary", false)]
    public void CLR_types_are_read_as_their_bytes(string type, bool clr) => Assert.Equal(clr, SqlServerTypes.IsClrType(type));

    [Theory]
    [InlineData(ColumnCategory.Text, 80, null, null, false, "nvarchar(80)")]
    [InlineData(ColumnCategory.Text, 5000, null, null, false, "nvarchar(max)")]
    [InlineData(ColumnCategory.Integer, null, 16, null, false, "smallint")]
    [InlineData(ColumnCategory.Integer, null, 32, null, false, "int")]
    [InlineData(ColumnCategory.Integer, null, null, null, false, "bigint")]
    [InlineData(ColumnCategory.Numeric, null, 12, 2, false, "decimal(12, 2)")]
    [InlineData(ColumnCategory.Numeric, null, 60, 2, false, "decimal(38, 10)")]
    [InlineData(ColumnCategory.Numeric, null, null, null, true, "float")]
    [InlineData(ColumnCategory.Boolean, null, null, null, false, "bit")]
    [InlineData(ColumnCategory.Timestamp, null, null, null, false, "datetime2(7)")]
    [InlineData(ColumnCategory.TimestampWithTimeZone, null, null, null, false, "datetimeoffset(7)")]
    [InlineData(ColumnCategory.Uuid, null, null, null, false, "uniqueidentifier")]
    [InlineData(ColumnCategory.Json, null, null, null, false, "nvarchar(max)")]
    [InlineData(ColumnCategory.Binary, null, null, null, false, "varbinary(max)")]
    public void A_column_of_another_engine_gets_the_closest_type(ColumnCategory category, int? length, int? precision, int? scale, bool floating, string expected)
    {
        var column = new ColumnInfo("c", "x", "x", category, length, NotNull: false, IsGenerated: false, precision, scale, FloatingPoint: floating);

        Assert.Equal(expected, SqlServerTypes.ForNeutral(column));
    }

    [Fact]
    public void An_enum_becomes_text_as_wide_as_its_longest_label_and_a_type_without_counterpart_has_none()
    {
        var labels = new ColumnInfo("c", "mood", "mood", ColumnCategory.Other, null, false, false, Labels: ["sad", "content"]);
        var other = new ColumnInfo("c", "tsvector", "tsvector", ColumnCategory.Other, null, false, false);

        Assert.Equal("nvarchar(7)", SqlServerTypes.ForNeutral(labels));
        Assert.Null(SqlServerTypes.ForNeutral(other));
    }
}
