using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class PartialMaskerTests
{
    [Theory]
    [InlineData(4, 4, '*', "4111111111111111", "4111********1111")]
    [InlineData(0, 2, '#', "DE89370400440532013000", "####################00")]
    [InlineData(3, 0, 'x', "person@example.com", "perxxxxxxxxxxxxxxx")]
    [InlineData(2, 2, '*', "abcd", "****")] // no longer than keepFirst + keepLast: masked entirely
    [InlineData(2, 2, '*', "abc", "***")]
    [InlineData(1, 1, '*', "", "")]
    [InlineData(1, 1, '•', "ab😀cd😀", "a••••😀")] // a surrogate pair is one character, kept or masked whole
    [InlineData(1, 1, '*', "e\u0301tude", "e\u0301***e")] // an accent stays with its letter
    [InlineData(1, 0, '*', "a\r\nb", "a**")]
    public void Keeps_the_ends_and_masks_the_middle_by_characters(int keepFirst, int keepLast, char mask, string input, string expected) =>
        Assert.Equal(expected, new PartialMasker(keepFirst, keepLast, mask).Mask(input));

    [Fact]
    public void No_value_longer_than_nothing_comes_back_unchanged()
    {
        var masker = new PartialMasker(3, 3, '*');
        var inputs = Enumerable.Range(1, 12).Select(length => string.Concat(Enumerable.Range(0, length).Select(index => (char)('a' + index))));

        foreach (var input in inputs)
        {
            var output = (string)masker.Mask(input)!;
            Assert.Equal(input.Length, output.Length);
            Assert.NotEqual(input, output);
            Assert.Equal(input.Length <= 6 ? input.Length : input.Length - 6, output.Count(character => character == '*'));
        }

        Assert.Null(masker.Mask(null));
    }

    [Fact]
    public void Constructor_refuses_negative_counts_and_half_characters()
    {
        Assert.Throws<ArgumentException>(() => new PartialMasker(-1, 0, '*'));
        Assert.Throws<ArgumentException>(() => new PartialMasker(0, -2, '*'));
        Assert.Throws<ArgumentException>(() => new PartialMasker(1, 1, '\ud83d'));
        Assert.Throws<ArgumentException>(() => new PartialMasker(1, 1, '\n'));
    }
}
