using DataRefresh.Core.Masking;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Core.Tests.Values;

public sealed class ValueContractTests
{
    private static ColumnInfo Column(ColumnCategory category, ColumnInfo? element = null) => new("c", "t", "t", category, null, false, false, Element: element);

    [Fact]
    public void Each_category_holds_its_own_clr_type_null_and_the_undecodable_marker_only()
    {
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Integer), 5L));
        Assert.False(ValueContract.Holds(Column(ColumnCategory.Integer), 5));
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Numeric), 1.5m));
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Numeric), 1.5d));
        Assert.False(ValueContract.Holds(Column(ColumnCategory.Numeric), "1.5"));
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Date), null));
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Date), Undecodable.Value));
        Assert.False(ValueContract.Holds(Column(ColumnCategory.Date), new DateTime(2020, 1, 1)));
    }

    [Fact]
    public void Timestamps_carry_their_kind_and_arrays_are_checked_element_by_element()
    {
        Assert.True(ValueContract.Holds(Column(ColumnCategory.Timestamp), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)));
        Assert.False(ValueContract.Holds(Column(ColumnCategory.Timestamp), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.True(ValueContract.Holds(Column(ColumnCategory.TimestampWithTimeZone), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(ValueContract.Holds(Column(ColumnCategory.TimestampWithTimeZone), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Local)));

        var tags = Column(ColumnCategory.Array, Column(ColumnCategory.Text));
        Assert.True(ValueContract.Holds(tags, new object?[] { "a", null }));
        Assert.False(ValueContract.Holds(tags, new object?[] { "a", 1L }));
        Assert.False(ValueContract.Holds(tags, new object?[] { Undecodable.Value }));
    }

    [Theory]
    [InlineData("{}", "")]
    [InlineData("{a,b}", "a|b")]
    [InlineData(" { a , NULL ,\"with, comma\",\"quote \\\" inside\"} ", "a|(null)|with, comma|quote \" inside")]
    public void Array_literals_give_their_elements(string literal, string expected)
    {
        var elements = Assert.IsAssignableFrom<IReadOnlyList<string?>>(ArrayLiteral.Parse(literal));

        Assert.Equal(expected, string.Join("|", elements.Select(element => element ?? "(null)")));
    }

    [Theory]
    [InlineData("a,b")]
    [InlineData("{a,{b}}")]
    [InlineData("{\"open}")]
    [InlineData("{a\"b}")]
    public void What_is_not_a_one_dimensional_array_literal_is_refused(string literal) => Assert.Null(ArrayLiteral.Parse(literal));
}
