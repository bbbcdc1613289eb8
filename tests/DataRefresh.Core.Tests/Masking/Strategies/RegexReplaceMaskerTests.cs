using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class RegexReplaceMaskerTests
{
    [Theory]
    [InlineData(@"\d", "#", "call 555-1234 now", "call ###-#### now")]
    [InlineData(@"^([^@]+)@(.+)$", "user@$2", "jane.doe@example.com", "user@example.com")]
    [InlineData(@"(?<area>\d{3})-\d{4}", "${area}-0000", "555-1234", "555-0000")]
    [InlineData(@"\$", "$$$$", "cost $5", "cost $$5")]
    [InlineData(@"secret", "x", "nothing to see", "nothing to see")]
    public void Replaces_every_match(string pattern, string replacement, string input, string expected) =>
        Assert.Equal(expected, new RegexReplaceMasker(pattern, replacement).Mask(input));

    [Fact]
    public void Results_are_cut_to_the_column_and_nulls_stay_null()
    {
        var masker = new RegexReplaceMasker(".", "ab", maxLength: 5);

        Assert.Equal("ababa", masker.Mask("xyz"));
        Assert.Null(masker.Mask(null));
    }

    [Theory]
    [InlineData("(unclosed", "x", "not a valid .NET regular expression")]
    [InlineData(@"(\d+)", "$2", "group '2'")]
    [InlineData(@"(?<area>\d+)", "${zone}", "group 'zone'")]
    public void Bad_patterns_and_replacements_are_explained(string pattern, string replacement, string expected)
    {
        var problem = RegexReplaceMasker.Validate(pattern, replacement);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RegexReplaceMasker(pattern, replacement));
    }

    [Fact]
    public void Good_patterns_pass_validation()
    {
        Assert.Null(RegexReplaceMasker.Validate(@"(\d+)-(?<tail>\d+)", "$1 ${tail} $$ $0"));
    }

    [Fact]
    public void A_pattern_that_backtracks_forever_times_out_without_naming_the_value()
    {
        const string secret = "Zebulon-secret-value";
        var masker = new RegexReplaceMasker(@"^(\w+\s?)*$", "x");
        var input = secret.Replace("-", "", StringComparison.Ordinal) + new string('a', 40) + "!";

        var error = Assert.Throws<DataRefreshException>(() => masker.Mask(input));

        Assert.Equal(ExitCodes.RefreshFailed, error.ExitCode);
        Assert.DoesNotContain("Zebulon", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }
}
