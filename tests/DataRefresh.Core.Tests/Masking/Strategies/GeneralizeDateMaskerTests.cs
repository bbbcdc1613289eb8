using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class GeneralizeDateMaskerTests
{
    [Theory]
    [InlineData(DateGranularity.Month)]
    [InlineData(DateGranularity.Year)]
    public void Dates_become_the_first_day_of_their_month_or_year(DateGranularity to)
    {
        var masker = new GeneralizeDateMasker(to);
        for (var day = 0; day < 800; day += 3)
        {
            var input = new DateOnly(1999, 11, 3).AddDays(day);

            var output = Assert.IsType<DateOnly>(masker.Mask(input));

            Assert.Equal(1, output.Day);
            Assert.Equal(input.Year, output.Year);
            Assert.Equal(to == DateGranularity.Month ? input.Month : 1, output.Month);
        }
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void Timestamps_become_midnight_of_that_day_and_keep_their_kind(DateTimeKind kind)
    {
        var input = new DateTime(2021, 7, 19, 15, 42, 7, kind).AddTicks(1234);

        var month = Assert.IsType<DateTime>(new GeneralizeDateMasker(DateGranularity.Month).Mask(input));
        var year = Assert.IsType<DateTime>(new GeneralizeDateMasker(DateGranularity.Year).Mask(input));

        Assert.Equal(new DateTime(2021, 7, 1, 0, 0, 0, kind), month);
        Assert.Equal(new DateTime(2021, 1, 1, 0, 0, 0, kind), year);
        Assert.Equal(kind, month.Kind);
        Assert.Equal(kind, year.Kind);
        Assert.Null(new GeneralizeDateMasker(DateGranularity.Year).Mask(null));
        Assert.Throws<ArgumentException>(() => new GeneralizeDateMasker((DateGranularity)7));
    }
}
