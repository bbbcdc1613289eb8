using DataRefresh.Core.Providers;

namespace DataRefresh.Core.Tests.Providers;

public sealed class TableSliceTests
{
    [Theory]
    [InlineData(1000, 4)]
    [InlineData(1001, 3)]
    [InlineData(5, 4)]
    [InlineData(3, 4)]
    public void Slices_cover_the_table_end_to_end_without_overlap_and_the_last_one_is_open(long size, int count)
    {
        var slices = TableSlice.Split(size, count);

        Assert.Equal(Math.Min(count, size), slices.Count);
        Assert.Equal(0, slices[0].Start);
        for (var index = 1; index < slices.Count; index++)
        {
            Assert.Equal(slices[index - 1].End, slices[index].Start);
        }

        Assert.Null(slices[^1].End);
        Assert.All(slices, slice => Assert.False(slice.IsWhole));
        Assert.All(slices.SkipLast(1), slice => Assert.True(slice.Start < slice.End && slice.End <= size, "no slice may be empty or lie past the end"));
    }

    [Fact]
    public void One_slice_is_the_whole_table()
    {
        var only = Assert.Single(TableSlice.Split(1000, 1));

        Assert.True(only.IsWhole);
        Assert.Null(only.End);
    }
}
