using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class NoiseMaskerTests
{
    [Fact]
    public void Integers_move_within_the_percentage_never_stay_and_move_alike_every_time()
    {
        var masker = new NoiseMasker(StrategyKeys.Hash(), 10, StrategyKeys.Integer(32));
        var again = new NoiseMasker(StrategyKeys.Hash(), 10, StrategyKeys.Integer(32));
        var otherKey = new NoiseMasker(StrategyKeys.OtherHash(), 10, StrategyKeys.Integer(32));
        var inputs = Enumerable.Range(0, 1000).Select(index => (long)(index * 137) + 20).Concat([-5000L, -20L]).ToList();

        var outputs = inputs.Select(input => Assert.IsType<long>(masker.Mask(input))).ToList();

        foreach (var (input, output) in inputs.Zip(outputs))
        {
            Assert.NotEqual(input, output);
            Assert.InRange(Math.Abs(output - input), 1, (Math.Abs(input) * 0.10) + 0.5);
        }

        Assert.Equal(outputs, inputs.Select(input => (long)again.Mask(input)!));
        Assert.True(inputs.Select(input => otherKey.Mask(input)).Zip(outputs).Count(pair => !Equals(pair.First, pair.Second)) > 900, "another key must move values differently");
        Assert.InRange(inputs.Zip(outputs).Count(pair => pair.Second > pair.First), 400, 600);

        // Shares come from [percent/10, percent]: large values never move by less than about a percent.
        Assert.All(inputs.Zip(outputs).Where(pair => pair.First > 10_000), pair => Assert.True(Math.Abs(pair.Second - pair.First) >= (pair.First * 0.01) - 0.5));
    }

    [Fact]
    public void Integers_stay_within_the_column_width()
    {
        var masker = new NoiseMasker(StrategyKeys.Hash(), 50, StrategyKeys.Integer(16));

        for (long input = short.MaxValue - 300; input <= short.MaxValue; input++)
        {
            var output = (long)masker.Mask(input)!;
            Assert.InRange(output, short.MinValue, short.MaxValue);
            Assert.NotEqual(input, output); // at the bound the move goes the other way rather than nowhere
        }

        Assert.InRange((long)masker.Mask((long)short.MinValue)!, short.MinValue + 1, short.MaxValue);
    }

    [Fact]
    public void Integers_with_no_other_integer_within_the_percentage_are_kept()
    {
        var masker = new NoiseMasker(StrategyKeys.Hash(), 10, StrategyKeys.Integer(64));

        Assert.Equal(0L, masker.Mask(0L));
        Assert.Equal(3L, masker.Mask(3L));
        Assert.InRange(Math.Abs((long)masker.Mask(10L)! - 10), 1, 1);
    }

    [Fact]
    public void Decimals_keep_their_scale_and_stay_within_numeric_precision()
    {
        var masker = new NoiseMasker(StrategyKeys.Hash(), 30, StrategyKeys.Numeric(6, 2));
        var inputs = Enumerable.Range(0, 500).Select(index => 9999.99m - (index * 7.13m)).Concat([-9999.99m, 0.05m, 12.50m]).ToList();

        foreach (var input in inputs)
        {
            var output = Assert.IsType<decimal>(masker.Mask(input));
            Assert.Equal(2, output.Scale);
            Assert.InRange(output, -9999.99m, 9999.99m);
            Assert.NotEqual(input, output);
            Assert.True(Math.Abs(output - input) <= (Math.Abs(input) * 0.30m) + 0.005m, "moved by more than the percentage");
        }
    }

    [Fact]
    public void Decimals_keep_the_scale_they_came_with_up_to_the_column_scale()
    {
        var unconstrained = new NoiseMasker(StrategyKeys.Hash(), 5, StrategyKeys.Numeric(null, null));
        var random = new Random(9);
        for (var run = 0; run < 300; run++)
        {
            var scale = random.Next(0, 21);
            var input = Math.Round((decimal)(random.NextDouble() * 1e6), scale) + new decimal(1, 0, 0, false, (byte)scale);
            var output = (decimal)unconstrained.Mask(input)!;
            Assert.Equal(input.Scale, output.Scale);
            Assert.True(Math.Abs(output - input) <= (Math.Abs(input) * 0.05m) + new decimal(5, 0, 0, false, (byte)(scale + 1)));
        }

        var large = 12345678901234567890.123m;
        var moved = (decimal)unconstrained.Mask(large)!;
        Assert.Equal(3, moved.Scale);
        Assert.NotEqual(large, moved);
        Assert.Equal(unconstrained.Mask(1.5m), unconstrained.Mask(1.5m));
    }

    [Fact]
    public void Doubles_move_by_the_percentage_and_special_values_pass()
    {
        var masker = new NoiseMasker(StrategyKeys.Hash(), 20, StrategyKeys.Numeric(null, null));
        var inputs = Enumerable.Range(1, 500).Select(index => index * 3.7).ToList();

        foreach (var input in inputs)
        {
            var output = Assert.IsType<double>(masker.Mask(input));
            var share = Math.Abs(output - input) / input;
            Assert.InRange(share, 0.02 - 1e-12, 0.20 + 1e-12);
            Assert.Equal(output, masker.Mask(input));
        }

        Assert.Equal(0.0, masker.Mask(0.0));
        Assert.True(double.IsNaN((double)masker.Mask(double.NaN)!));
        Assert.Equal(double.PositiveInfinity, masker.Mask(double.PositiveInfinity));
        Assert.Null(masker.Mask(null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void Percentages_outside_0_to_100_are_refused(double percent) =>
        Assert.Throws<ArgumentException>(() => new NoiseMasker(StrategyKeys.Hash(), percent, StrategyKeys.Integer(32)));
}
