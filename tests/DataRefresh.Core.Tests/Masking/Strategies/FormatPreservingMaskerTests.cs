using System.Globalization;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class FormatPreservingMaskerTests
{
    private static FormatPreservingMasker Text() => new(StrategyKeys.Hash(), StrategyKeys.Text());

    [Fact]
    public void All_four_digit_strings_map_to_distinct_four_digit_strings()
    {
        var masker = Text();
        var inputs = Enumerable.Range(0, 10_000).Select(number => number.ToString("D4", CultureInfo.InvariantCulture)).ToList();

        var outputs = inputs.Select(input => Assert.IsType<string>(masker.Mask(input))).ToList();

        Assert.All(outputs, output => Assert.Matches("^[0-9]{4}$", output));
        Assert.Equal(10_000, outputs.Distinct().Count());
        Assert.True(inputs.Zip(outputs).Count(pair => pair.First == pair.Second) < 10, "a permutation that fixes many points is not masking");
        Assert.Equal(inputs, outputs.Select(output => (string)masker.Invert(output)!));
    }

    [Fact]
    public void All_two_letter_upper_case_strings_permute_among_themselves()
    {
        var masker = Text();
        var inputs = (from first in Enumerable.Range('A', 26) from second in Enumerable.Range('A', 26) select $"{(char)first}{(char)second}").ToList();

        var outputs = inputs.Select(input => (string)masker.Mask(input)!).ToHashSet();

        Assert.True(outputs.SetEquals(inputs));
    }

    [Fact]
    public void Single_characters_are_shuffled_not_kept()
    {
        var masker = Text();
        var digits = Enumerable.Range(0, 10).Select(digit => digit.ToString(CultureInfo.InvariantCulture)).ToList();
        var letters = Enumerable.Range('a', 26).Select(letter => ((char)letter).ToString()).ToList();

        var maskedDigits = digits.Select(digit => (string)masker.Mask(digit)!).ToList();
        var maskedLetters = letters.Select(letter => (string)masker.Mask(letter)!).ToList();

        Assert.True(maskedDigits.ToHashSet().SetEquals(digits));
        Assert.True(maskedLetters.ToHashSet().SetEquals(letters));
        Assert.NotEqual(digits, maskedDigits);
        Assert.NotEqual(letters, maskedLetters);
    }

    [Fact]
    public void Shape_is_kept_on_random_values_and_the_mask_inverts()
    {
        var masker = Text();
        var random = new Random(7);
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ -./@_é😀";
        var inputs = Enumerable.Range(0, 2000)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => alphabet[random.Next(alphabet.Length - 2)])]) + (random.Next(4) == 0 ? "😀" : ""))
            .Append("AB-12 cd")
            .Append(new string('7', 300) + "-" + new string('q', 300)) // past the stack buffer
            .Distinct()
            .ToList();

        var outputs = inputs.Select(input => (string)masker.Mask(input)!).ToList();

        foreach (var (input, output) in inputs.Zip(outputs))
        {
            Assert.Equal(input.Length, output.Length);
            for (var index = 0; index < input.Length; index++)
            {
                Assert.Equal(ClassOf(input[index]), ClassOf(output[index]));
                if (ClassOf(input[index]) == 'k')
                {
                    Assert.Equal(input[index], output[index]);
                }
            }

            Assert.Equal(input, masker.Invert(output));
        }

        Assert.Equal(inputs.Count, outputs.Distinct().Count());
        Assert.NotEqual("AB-12 cd", masker.Mask("AB-12 cd"));
    }

    [Fact]
    public void The_mask_is_deterministic_keyed_and_passes_null_and_unmaskable_text()
    {
        var inputs = Enumerable.Range(0, 200).Select(index => $"Cust-{index:D5}").ToList();

        var first = inputs.Select(Text().Mask).ToList();
        var again = inputs.Select(Text().Mask).ToList();
        var otherKey = inputs.Select(new FormatPreservingMasker(StrategyKeys.OtherHash(), StrategyKeys.Text()).Mask).ToList();

        Assert.Equal(first, again);
        Assert.True(first.Zip(otherKey).Count(pair => !Equals(pair.First, pair.Second)) > 190, "another key must give another permutation");
        Assert.Null(Text().Mask(null));
        Assert.Equal("-- ./", Text().Mask("-- ./"));
        Assert.Equal("", Text().Mask(""));
        Assert.True(Text().IsInjective);
    }

    [Fact]
    public void Every_smallint_maps_to_a_distinct_smallint_with_its_sign_and_digit_count()
    {
        var masker = new FormatPreservingMasker(StrategyKeys.Hash(), StrategyKeys.Integer(16));
        var outputs = new HashSet<long>();
        for (long input = short.MinValue; input <= short.MaxValue; input++)
        {
            var output = Assert.IsType<long>(masker.Mask(input));
            Assert.InRange(output, short.MinValue, short.MaxValue);
            Assert.Equal(input < 0, output < 0); // 0 is one digit among 0–9, the others keep their sign
            Assert.Equal(Digits(input), Digits(output));
            Assert.True(outputs.Add(output), "two smallints masked to the same value");
            if (input % 97 == 0)
            {
                Assert.Equal(input, masker.Invert(output));
            }
        }

        Assert.Equal(65_536, outputs.Count);
    }

    [Fact]
    public void Wide_integers_keep_their_digit_count_up_to_the_extremes_of_bigint()
    {
        var masker = new FormatPreservingMasker(StrategyKeys.Hash(), StrategyKeys.Integer(64));
        var random = new Random(11);
        long[] inputs = [long.MinValue, long.MaxValue, long.MinValue + 1, 0, 9, -9, 1_000_000_000_000_000_000, .. Enumerable.Range(0, 500).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))];

        foreach (var input in inputs)
        {
            var output = (long)masker.Mask(input)!;
            Assert.Equal(Digits(input), Digits(output));
            Assert.Equal(input < 0, output < 0); // 0 is one digit among 0–9, the others keep their sign
            Assert.Equal(input, masker.Invert(output));
        }

        Assert.Equal(inputs.Distinct().Count(), inputs.Select(input => masker.Mask(input)).Distinct().Count());
    }

    [Fact]
    public void Constructor_refuses_columns_it_cannot_keep_the_shape_of()
    {
        Assert.Throws<ArgumentException>(() => new FormatPreservingMasker(StrategyKeys.Hash(), StrategyKeys.Numeric(10, 2)));
        Assert.Throws<ArgumentException>(() => new FormatPreservingMasker(StrategyKeys.Hash(), StrategyKeys.Integer(128)));
    }

    private static char ClassOf(char character) => character switch
    {
        >= '0' and <= '9' => 'd',
        >= 'a' and <= 'z' => 'l',
        >= 'A' and <= 'Z' => 'u',
        _ => 'k',
    };

    private static int Digits(long value) => value == 0 ? 1 : value.ToString(CultureInfo.InvariantCulture).TrimStart('-').Length;
}
