using DataRefresh.Core.Approvals;

namespace DataRefresh.Core.Tests.Approvals;

public sealed class LineDiffTests
{
    private static string Show(IReadOnlyList<DiffLine?>? lines) =>
        string.Join("|", lines!.Select(line => line is null ? "…" : $"{(line.Kind switch { DiffLineKind.Added => "+", DiffLineKind.Removed => "-", _ => " " })}{line.Number}:{line.Text}"));

    [Fact]
    public void A_changed_line_shows_as_removed_and_added_with_two_lines_of_context_and_gaps_marked()
    {
        var before = string.Join("\n", Enumerable.Range(1, 10).Select(number => $"line {number}")) + "\n";
        var after = before.Replace("line 6\n", "line six\n", StringComparison.Ordinal);

        Assert.Equal("…| 4:line 4| 5:line 5|-6:line 6|+6:line six| 7:line 7| 8:line 8|…", Show(LineDiff.Compare(before, after)));
    }

    [Fact]
    public void Added_and_removed_lines_keep_their_own_numbers_and_line_endings_do_not_count()
    {
        Assert.Equal(" 1:a|+2:b| 3:c", Show(LineDiff.Compare("a\r\nc\r\n", "a\nb\nc")));
        Assert.Equal(" 1:a|-2:b| 2:c", Show(LineDiff.Compare("a\nb\nc\n", "a\nc\n")));
        Assert.Equal("", Show(LineDiff.Compare("same\n", "same\n")));
    }

    [Fact]
    public void Texts_too_long_to_diff_here_say_so_with_null()
    {
        Assert.Null(LineDiff.Compare(string.Join("\n", Enumerable.Repeat("x", LineDiff.MaxLines + 1)), "x"));
    }

    [Fact]
    public void File_changes_list_every_file_of_either_version()
    {
        static RuleFileVersion File(string path, string text) => new(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), text);
        var approved = new RuleVersion([File("rules/a.yaml", "version: 1\n"), File("rules/b.yaml", "version: 1\n"), File("rules/gone.yaml", "version: 1\n")]);
        var current = new RuleVersion([File("rules/a.yaml", "version: 1\n"), File("rules/b.yaml", "version: 1\n# more\n"), File("rules/new.yaml", "version: 1\n")]);

        var changes = RuleFileChange.Between(approved, current);

        Assert.Equal(["rules/a.yaml unchanged", "rules/b.yaml changed", "rules/gone.yaml removed", "rules/new.yaml added"], changes.Select(change => $"{change.Path} {change.Status}"));
        Assert.Equal(" 1:version: 1|+2:# more", Show(changes[1].Lines));
        Assert.NotEqual(approved.Digest, current.Digest);
        Assert.Equal(current.Digest, new RuleVersion([.. current.Files]).Digest);
        Assert.All(RuleFileChange.Between(null, current), change => Assert.Equal("added", change.Status));
    }
}
