using System.Globalization;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Tests.Masking;

public sealed class FakeRedrawTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("redraw-test-key-0123456789");

    private static FakeMasker Fake(string faker, int? maxLength = null, ColumnCategory category = ColumnCategory.Text) =>
        new(new KeyedHash(Key, "t.c:fake " + faker), faker, "en", category, maxLength);

    [Theory]
    [InlineData("internet.email")] // composed and slugged
    [InlineData("name.firstName")] // composed from a small list
    [InlineData("lorem.word")] // run by Bogus
    public void Attempts_give_distinct_deterministic_outputs_starting_with_the_mask(string faker)
    {
        Assert.True(Fake(faker).CanRedraw);
        foreach (var input in new[] { "anna@example.com", "Ben", "42" })
        {
            var draws = Enumerable.Range(0, 40).Select(attempt => Fake(faker).Redraw(input, attempt)).ToList();

            Assert.Equal(Fake(faker).Mask(input), draws[0]);
            Assert.Equal(draws, Enumerable.Range(0, 40).Select(attempt => Fake(faker).Redraw(input, attempt)));
            Assert.True(draws[..(FakeMasker.PlainRedraws + 1)].Distinct().Count() >= FakeMasker.PlainRedraws - 1, "re-seeded attempts must mostly differ");
            Assert.Equal(40 - FakeMasker.PlainRedraws - 1, draws[(FakeMasker.PlainRedraws + 1)..].Distinct().Count());
        }
    }

    [Fact]
    public void Late_attempts_put_the_attempt_number_before_the_at_sign_within_the_column_length()
    {
        var masker = Fake("internet.email", maxLength: 14);

        for (var attempt = FakeMasker.PlainRedraws + 1; attempt < 120; attempt++)
        {
            var draw = Assert.IsType<string>(masker.Redraw("anna@example.com", attempt));
            var mark = attempt.ToString(CultureInfo.InvariantCulture);

            Assert.InRange(draw.Length, 1, 14);
            var at = draw.IndexOf('@', StringComparison.Ordinal);
            Assert.Contains(mark, at < 0 ? draw : draw[..at], StringComparison.Ordinal);
        }

        var unbounded = Assert.IsType<string>(Fake("internet.email").Redraw("anna@example.com", 57));
        Assert.Matches("^[^@]*57@[^@]+$", unbounded);
    }

    [Fact]
    public void Names_get_the_number_at_the_end_and_nulls_stay_null()
    {
        var masker = Fake("name.firstName", maxLength: 5);

        Assert.Matches("^.{0,3}12$", Assert.IsType<string>(masker.Redraw("Ben", 12)));
        Assert.Null(masker.Redraw(null, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => masker.Redraw("Ben", -1));
    }
}
