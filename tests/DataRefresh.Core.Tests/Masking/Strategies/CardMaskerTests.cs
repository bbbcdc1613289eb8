using System.Globalization;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class CardMaskerTests
{
    private static CardMasker Card(int keepPrefix = 6) => new(StrategyKeys.Hash(), keepPrefix);

    private static string WithCheckDigit(string payload) => payload + Luhn.CheckDigit(payload);

    [Fact]
    public void A_card_keeps_layout_and_issuer_and_still_passes_luhn()
    {
        var masker = Card();
        var random = new Random(3);
        for (var run = 0; run < 500; run++)
        {
            var digits = WithCheckDigit("4" + string.Concat(Enumerable.Range(0, 14).Select(_ => random.Next(10))));
            var input = $"{digits[..4]} {digits[4..8]}-{digits[8..12]} {digits[12..]}";

            var output = Assert.IsType<string>(masker.Mask(input));

            Assert.Equal(input.Length, output.Length);
            Assert.Equal(input[..7], output[..7]); // "4xxx xx": six digits of issuer and the separator between
            Assert.Equal(' ', output[4]);
            Assert.Equal('-', output[9]);
            Assert.Equal(' ', output[14]);
            Assert.True(Luhn.IsValid(output), "a masked card must pass the Luhn check");
            Assert.Equal(input, masker.Invert(output));
        }

        Assert.NotEqual("4111 1111 1111 1111", masker.Mask("4111 1111 1111 1111"));
    }

    [Fact]
    public void Cards_with_the_same_issuer_never_collide()
    {
        var masker = Card();
        var inputs = Enumerable.Range(0, 10_000).Select(body => WithCheckDigit("411111" + body.ToString("D9", CultureInfo.InvariantCulture))).ToList();

        var outputs = inputs.Select(input => (string)masker.Mask(input)!).ToList();

        Assert.Equal(10_000, outputs.Distinct().Count());
        Assert.All(outputs, output => Assert.StartsWith("411111", output, StringComparison.Ordinal));
        Assert.All(outputs, output => Assert.True(Luhn.IsValid(output)));
        Assert.True(masker.IsInjective);
    }

    [Fact]
    public void A_number_failing_luhn_keeps_failing_so_it_cannot_collide_with_its_valid_neighbour()
    {
        var masker = Card();
        var valid = WithCheckDigit("512345678901234");
        var variants = Enumerable.Range(0, 10).Select(last => valid[..^1] + last.ToString(CultureInfo.InvariantCulture)).ToList();

        var outputs = variants.Select(variant => (string)masker.Mask(variant)!).ToList();

        Assert.Equal(10, outputs.Distinct().Count());
        Assert.Equal(variants.Select(variant => Luhn.IsValid(variant)), outputs.Select(output => Luhn.IsValid(output)));
        Assert.Single(outputs, output => Luhn.IsValid(output));
    }

    [Fact]
    public void Values_too_short_for_prefix_and_check_digit_have_all_digits_permuted()
    {
        var masker = Card(keepPrefix: 6);
        var inputs = Enumerable.Range(0, 10_000_000).Where(number => number % 997 == 0).Select(number => number.ToString("D7", CultureInfo.InvariantCulture)).ToList();

        var outputs = inputs.Select(input => (string)masker.Mask(input)!).ToList();

        Assert.Equal(inputs.Count, outputs.Distinct().Count());
        Assert.All(outputs, output => Assert.Matches("^[0-9]{7}$", output));
        Assert.True(inputs.Zip(outputs).Count(pair => pair.First[..6] != pair.Second[..6]) > inputs.Count * 9 / 10, "short values keep no prefix");
        Assert.Equal(inputs, outputs.Select(output => (string)masker.Invert(output)!));
    }

    [Fact]
    public void Integer_cards_keep_issuer_digit_count_and_luhn()
    {
        var masker = Card();
        var random = new Random(5);
        var inputs = Enumerable.Range(0, 300).Select(_ => long.Parse(WithCheckDigit("5" + random.NextInt64(10_000_000_000_000, 99_999_999_999_999).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)).ToList();

        foreach (var input in inputs)
        {
            var output = Assert.IsType<long>(masker.Mask(input));
            var text = output.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(16, text.Length);
            Assert.Equal(input.ToString(CultureInfo.InvariantCulture)[..6], text[..6]);
            Assert.True(Luhn.IsValid(text));
            Assert.Equal(input, masker.Invert(output));
        }
    }

    [Fact]
    public void Without_a_prefix_the_leading_digit_changes_but_never_to_zero()
    {
        var masker = Card(keepPrefix: 0);
        var inputs = Enumerable.Range(100, 900).Select(number => long.Parse(WithCheckDigit(number.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)).ToList();

        var outputs = inputs.Select(input => (long)masker.Mask(input)!).ToList();

        Assert.All(outputs, output => Assert.InRange(output, 1000, 9999));
        Assert.All(outputs, output => Assert.True(Luhn.IsValid(output.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(900, outputs.Distinct().Count());
        Assert.True(inputs.Zip(outputs).Count(pair => pair.First / 1000 != pair.Second / 1000) > 450, "the first digit is masked too");
    }

    [Fact]
    public void Integer_numbers_stay_within_a_narrow_column()
    {
        var masker = new CardMasker(StrategyKeys.Hash(), 2, StrategyKeys.Integer(32));
        var inputs = Enumerable.Range(0, 3000).Select(index => long.Parse(WithCheckDigit((200_000_000 + (index * 4_000L)).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture)).ToList();

        var outputs = inputs.Select(input => (long)masker.Mask(input)!).ToList();

        Assert.All(outputs, output => Assert.InRange(output, 1_000_000_000, int.MaxValue));
        Assert.Equal(inputs.Count, outputs.Distinct().Count());
        Assert.Equal(inputs, outputs.Select(output => (long)masker.Invert(output)!));
    }

    [Fact]
    public void Keyed_deterministic_null_safe_and_validated()
    {
        const string card = "4111-1111-1111-1111";

        Assert.Equal(Card().Mask(card), Card().Mask(card));
        Assert.NotEqual(Card().Mask(card), new CardMasker(StrategyKeys.OtherHash(), 6).Mask(card));
        Assert.Null(Card().Mask(null));
        Assert.Equal("n/a", Card().Mask("n/a"));
        Assert.Throws<ArgumentException>(() => Card(keepPrefix: 9));
        Assert.Throws<ArgumentException>(() => Card(keepPrefix: -1));
    }
}
