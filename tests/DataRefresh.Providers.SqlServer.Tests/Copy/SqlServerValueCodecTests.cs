using System.Data.SqlTypes;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;
using DataRefresh.Providers.SqlServer.Copy;
using DataRefresh.Providers.SqlServer.Schema;

namespace DataRefresh.Providers.SqlServer.Tests.Copy;

public sealed class SqlServerValueCodecTests
{
    private static ColumnInfo Column(string type, short maxLength = 8, byte precision = 0, byte scale = 0) =>
        SqlServerTypes.Column("c", type, maxLength, precision, scale, notNull: false, isGenerated: false);

    public static TheoryData<string, object, object> ReaderValues => new()
    {
        { "nvarchar", "Zoë", "Zoë" },
        { "tinyint", (byte)200, 200L },
        { "smallint", (short)-3, -3L },
        { "int", int.MinValue, (long)int.MinValue },
        { "bigint", long.MaxValue, long.MaxValue },
        { "money", 922337203685477.5807m, 922337203685477.5807m },
        { "float", 1.5e300, 1.5e300 },
        { "real", 0.25f, 0.25d },
        { "bit", true, true },
        { "uniqueidentifier", new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff") },
        { "varbinary", new byte[] { 0, 255 }, new byte[] { 0, 255 } },
        { "json", "{\"a\":1}", "{\"a\":1}" },
    };

    [Theory]
    [MemberData(nameof(ReaderValues))]
    public void A_value_the_reader_returns_decodes_to_the_contract_type_of_its_category(string type, object stored, object expected)
    {
        var column = Column(type);
        var decoded = SqlServerValueCodec.Decode(stored, column);

        Assert.Equal(expected, decoded);
        Assert.True(ValueContract.Holds(column, decoded));
    }

    [Fact]
    public void Dates_and_times_keep_their_precision_and_a_datetimeoffset_is_its_instant_in_UTC()
    {
        var ticks = new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(1234567);

        Assert.Equal(new DateOnly(2024, 2, 29), SqlServerValueCodec.Decode(ticks.Date, Column("date")));
        var timestamp = Assert.IsType<DateTime>(SqlServerValueCodec.Decode(ticks, Column("datetime2", precision: 27, scale: 7)));
        Assert.Equal(ticks.Ticks, timestamp.Ticks);
        Assert.Equal(DateTimeKind.Unspecified, timestamp.Kind);

        var offset = new DateTimeOffset(ticks, TimeSpan.FromHours(5.5));
        var instant = Assert.IsType<DateTime>(SqlServerValueCodec.Decode(offset, Column("datetimeoffset", scale: 7)));
        Assert.Equal(DateTimeKind.Utc, instant.Kind);
        Assert.Equal(offset.UtcDateTime, instant);
    }

    [Fact]
    public void A_decimal_38_is_exact_when_dotnet_holds_it_and_not_decoded_when_it_would_round()
    {
        var column = Column("decimal", 17, 38, 0);

        Assert.Equal(12345678901234567890123456789m, SqlServerValueCodec.Decode(SqlDecimal.Parse("12345678901234567890123456789"), column));
        Assert.Same(Undecodable.Value, SqlServerValueCodec.Decode(SqlDecimal.Parse("99999999999999999999999999999999999999"), column));
    }

    [Fact]
    public void A_value_of_the_wrong_type_for_its_column_is_not_decoded_and_nulls_are_null()
    {
        Assert.Same(Undecodable.Value, SqlServerValueCodec.Decode("12", Column("int")));
        Assert.Same(Undecodable.Value, SqlServerValueCodec.Decode(12, Column("nvarchar", 20)));
        Assert.Null(SqlServerValueCodec.Decode(DBNull.Value, Column("int")));
        Assert.Null(SqlServerValueCodec.Decode(SqlDecimal.Null, Column("decimal", 17, 38, 0)));
    }

    [Fact]
    public void Types_masks_cannot_read_are_carried_as_text_where_they_are_sampled()
    {
        Assert.Equal("13:45:00.5", SqlServerValueCodec.Decode(new TimeSpan(0, 13, 45, 0, 500), Column("time", scale: 7)));
        Assert.Equal("0xE610", SqlServerValueCodec.Decode(new byte[] { 0xE6, 0x10 }, Column("geography", -1)));
        Assert.Equal("<a/>", SqlServerValueCodec.Decode("<a/>", Column("xml", -1)));
    }

    [Fact]
    public void Contract_values_are_written_as_the_column_s_own_CLR_type()
    {
        Assert.IsType<byte>(SqlServerValueCodec.Encode(200L, Column("tinyint")));
        Assert.IsType<short>(SqlServerValueCodec.Encode(-3L, Column("smallint")));
        Assert.IsType<int>(SqlServerValueCodec.Encode(7L, Column("int")));
        Assert.IsType<long>(SqlServerValueCodec.Encode(7L, Column("bigint")));
        Assert.IsType<float>(SqlServerValueCodec.Encode(0.25d, Column("real")));
        Assert.Equal(new DateTime(2024, 2, 29), SqlServerValueCodec.Encode(new DateOnly(2024, 2, 29), Column("date")));
        Assert.Equal(DBNull.Value, SqlServerValueCodec.Encode(null, Column("int")));

        var utc = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc);
        var written = Assert.IsType<DateTimeOffset>(SqlServerValueCodec.Encode(utc, Column("datetimeoffset", scale: 7)));
        Assert.Equal(TimeSpan.Zero, written.Offset);
        Assert.Equal(utc, written.UtcDateTime);
    }

    [Fact]
    public void Values_read_from_SQL_Server_are_written_as_they_are_so_an_offset_survives_a_copy_between_SQL_Servers()
    {
        var offset = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.FromHours(-7));
        var wide = SqlDecimal.Parse("99999999999999999999999999999999999999");

        Assert.Equal(offset, SqlServerValueCodec.Encode(offset, Column("datetimeoffset", scale: 7)));
        Assert.Equal(wide, SqlServerValueCodec.Encode(wide, Column("decimal", 17, 38, 0)));
        Assert.Equal(TimeSpan.FromHours(1), SqlServerValueCodec.Encode(TimeSpan.FromHours(1), Column("time", scale: 7)));
    }

    [Fact]
    public void A_value_beyond_the_target_column_stops_the_write_naming_the_column_and_never_the_value()
    {
        var error = Assert.Throws<DataRefreshException>(() => SqlServerValueCodec.Encode(70000L, Column("smallint")));

        Assert.Equal(ExitCodes.RefreshFailed, error.ExitCode);
        Assert.Contains("column c", error.Message);
        Assert.DoesNotContain("70000", error.Message);
        Assert.Throws<InvalidOperationException>(() => SqlServerValueCodec.Encode(Undecodable.Value, Column("int")));
    }

    [Fact]
    public void Arrays_from_another_engine_are_written_as_JSON_text()
    {
        var element = new ColumnInfo("c", "text", "text", ColumnCategory.Text, null, false, false);
        var array = new ColumnInfo("tags", "text[]", "_text", ColumnCategory.Array, null, false, false, Element: element);

        Assert.Equal("[\"a\",null]", SqlServerValueCodec.Encode(new object?[] { "a", null }, array));
    }
}
