using DataRefresh.Cli.Output.Report;

namespace DataRefresh.Cli.Tests;

/// <summary>The CSV report's quoting, without a database.</summary>
public sealed class CsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Csv_fields_are_quoted_only_when_they_must_be(string value, string expected) => Assert.Equal(expected, CsvText.Field(value));
}
