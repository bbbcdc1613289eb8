using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>E-mail addresses with an ASCII local part and a dotted domain ending in a 2–24 letter top-level domain.</summary>
public sealed partial class EmailFinder : SensitiveFinder
{
    public override SensitiveKind Kind => SensitiveKind.Email;

    public override string Description => "e-mail addresses";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found) => Scan(Pattern(), "email", text, found, Check);

    private static (int Start, int Length) Check(ReadOnlySpan<char> candidate)
    {
        // The pattern allows dots anywhere in the local part to stay simple; addresses forbid them at the ends and doubled.
        var local = candidate[..candidate.IndexOf('@')];
        var valid = local[0] != '.' && local[^1] != '.' && !local.Contains("..", StringComparison.Ordinal);
        return Whole(candidate, valid);
    }

    [GeneratedRegex(
        @"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-]|\.[A-Za-z0-9])",
        PatternOptions,
        MatchTimeoutMilliseconds)]
    private static partial Regex Pattern();
}
