using System.Text.RegularExpressions;
using DataRefresh.Core.Masking.Strategies;

namespace DataRefresh.Core.Detection;

/// <summary>
/// Payment card numbers: 13–19 digits starting 2–6 (the issuer ranges of the card networks), written together or in
/// groups of at least three separated by single spaces or dashes (one kind per number), and valid under the Luhn check.
/// </summary>
public sealed partial class CardFinder : SensitiveFinder
{
    public override SensitiveKind Kind => SensitiveKind.Card;

    public override string Description => "Luhn-valid card numbers";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found) => Scan(Pattern(), "card", text, found, Check);

    /// <summary>The candidate, or failing that its longest valid prefix of whole groups (a trailing count or year is not the card's).</summary>
    private static (int Start, int Length) Check(ReadOnlySpan<char> candidate)
    {
        for (var end = candidate.Length; end > 0; end = candidate[..end].LastIndexOfAny(' ', '-'))
        {
            if (IsCard(candidate[..end]))
            {
                return (0, end);
            }
        }

        return (0, 0);
    }

    internal static bool IsCard(ReadOnlySpan<char> number)
    {
        var digits = CountDigits(number);
        if (digits is < 13 or > 19 || number[0] is < '2' or > '6')
        {
            return false;
        }

        var separator = number.IndexOfAny(' ', '-') is var at and >= 0 ? number[at] : '\0';
        if (separator != '\0')
        {
            foreach (var range in number.Split(separator))
            {
                if (number[range].Length < 3 || number[range].ContainsAnyExceptInRange('0', '9'))
                {
                    return false;
                }
            }
        }

        return Luhn.IsValid(number);
    }

    [GeneratedRegex(@"(?<![\w\-.,])\d(?:[\x20\-]?\d){12,18}(?![\w\-]|[.,]\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex Pattern();
}
