using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Lookup;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Tests.Masking.Strategies;

public sealed class LookupMaskerTests : IDisposable
{
    private readonly TempFiles files = new();

    public void Dispose() => files.Dispose();

    private LookupDictionary Cities(params string[] names) =>
        LookupDictionary.Load(files.Write($"cities-{Guid.NewGuid():N}.csv", "city\n" + string.Join("\n", names) + "\n"), null);

    [Fact]
    public void A_column_is_read_without_blanks_or_duplicates_in_file_order()
    {
        var path = files.Write("people.csv", "first,last\nAnna,Berg\n,Weiss\n\"Ben, Jr.\",Kahn\nAnna,Roth\n  ,Lang\nClara,\"Ott\"\"s\"\n");

        var first = LookupDictionary.Load(path, "first");
        var last = LookupDictionary.Load(path, "last");

        Assert.Equal(["Anna", "Ben, Jr.", "Clara"], first.Values);
        Assert.Equal(["Berg", "Weiss", "Kahn", "Roth", "Lang", "Ott\"s"], last.Values);
        Assert.Same(first, LookupDictionary.Load(path, "first"));
        Assert.NotSame(first, last);
    }

    [Fact]
    public void Missing_files_columns_and_values_are_rule_errors()
    {
        var twoColumns = files.Write("two.csv", "first,last\nAnna,Berg\n");
        var headerOnly = files.Write("header.csv", "city\n");
        var empty = files.Write("empty.csv", "");

        var missing = Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(Path.Combine(files.Directory, "nope.csv"), null));
        var ambiguous = Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(twoColumns, null));
        var misspelt = Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(twoColumns, "frist"));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("first, last", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'first'", misspelt.Message, StringComparison.Ordinal);
        Assert.Contains("no values", Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(headerOnly, null)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(empty, null)).Message, StringComparison.Ordinal);
        Assert.All([missing, ambiguous, misspelt], error => Assert.Equal(ExitCodes.InvalidJobOrRules, error.ExitCode));
    }

    [Theory]
    [InlineData("name,city\nAnna,Berlin\nBen,Hamburg\nZebulon\"Secret,Bremen\n", "line 4")] // stray quote
    [InlineData("name,city\nAnna,Berlin\n\"Zebulon Secret\"tail,Bremen\n", "line 3")] // text after a closing quote
    [InlineData("name,city\nAnna,Berlin\nBen,Hamburg,Zebulon Secret\n", "line 3")] // a field too many
    public void A_malformed_file_names_the_line_but_never_the_content(string content, string line)
    {
        var path = files.Write("bad.csv", content);

        var error = Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(path, "name"));

        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebulon", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.Equal(ExitCodes.InvalidJobOrRules, error.ExitCode);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var path = Path.Combine(files.Directory, "latin1.csv");
        File.WriteAllBytes(path, [.. "city\nK"u8, 0xF6, .. "ln\n"u8]);

        Assert.Contains("UTF-8", Assert.Throws<DataRefreshException>(() => LookupDictionary.Load(path, null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Picks_are_keyed_deterministic_and_cut_to_the_column()
    {
        var dictionary = Cities([.. Enumerable.Range(0, 50).Select(index => $"City number {index}")]);
        var masker = new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text());
        var inputs = Enumerable.Range(0, 300).Select(index => $"customer-{index}").ToList();

        var outputs = inputs.Select(masker.Mask).ToList();

        Assert.All(outputs, output => Assert.Contains(Assert.IsType<string>(output), dictionary.Values));
        Assert.Equal(outputs, inputs.Select(new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text()).Mask));
        Assert.True(inputs.Select(new LookupMasker(StrategyKeys.OtherHash(), dictionary, StrategyKeys.Text()).Mask).Zip(outputs).Count(pair => !Equals(pair.First, pair.Second)) > 250);
        Assert.True(outputs.Distinct().Count() > 40, "picks must spread over the dictionary");
        Assert.All(inputs.Select(new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text(maxLength: 6)).Mask), output => Assert.Equal("City n", output));
        Assert.Null(masker.Mask(null));
    }

    [Fact]
    public void Redraws_visit_every_entry_once_then_add_suffixes_and_never_run_out()
    {
        var dictionary = Cities("Berlin", "Hamburg", "Bremen", "Kiel", "Essen", "Trier");
        var masker = new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text());
        Assert.True(masker.CanRedraw);

        foreach (var input in new[] { "a", "b", "customer 17", "zz" })
        {
            var draws = Enumerable.Range(0, 30).Select(attempt => (string)masker.Redraw(input, attempt)!).ToList();

            Assert.Equal(masker.Mask(input), draws[0]);
            Assert.True(draws[..6].ToHashSet().SetEquals(dictionary.Values), "the first attempts must try every entry");
            Assert.Equal(30, draws.Distinct().Count());
            Assert.All(draws[6..12], draw => Assert.EndsWith("2", draw, StringComparison.Ordinal));
            Assert.Equal(draws, Enumerable.Range(0, 30).Select(attempt => (string)new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text()).Redraw(input, attempt)!));
        }
    }

    [Fact]
    public void Suffixes_survive_a_short_column()
    {
        var dictionary = Cities("Berlin", "Hamburg");
        var masker = new LookupMasker(StrategyKeys.Hash(), dictionary, StrategyKeys.Text(maxLength: 4));

        var draws = Enumerable.Range(0, 40).Select(attempt => (string)masker.Redraw("x", attempt)!).ToList();

        Assert.All(draws, draw => Assert.InRange(draw.Length, 1, 4));
        Assert.Equal(40, draws.Distinct().Count());
        Assert.Contains(draws, draw => draw.EndsWith("20", StringComparison.Ordinal));
    }
}
