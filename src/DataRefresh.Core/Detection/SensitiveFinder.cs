using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// Finds one kind of sensitive item in text: a pattern proposes candidates, a validator (checksum, valid ranges, shape)
/// accepts or rejects each, so a number that merely looks like a card or a date that looks like a phone is not reported.
/// The same finder classifies whole values (<see cref="IsWholeValue"/>) and finds items inside free text
/// (<see cref="FindIn"/>). Finders are immutable and shared.
/// </summary>
/// <remarks>
/// Patterns run with a match timeout (<see cref="MatchTimeoutMilliseconds"/>); a <see cref="RegexMatchTimeoutException"/>
/// reaches the caller, who must not print its message or <c>Input</c>: both hold the text.
/// </remarks>
public abstract class SensitiveFinder
{
    /// <summary>
    /// Per pattern and text. Generous, because a timeout changes the result (redact-text then replaces the whole value)
    /// and a busy machine must not cause one; its job is to stop pathological text from stalling a copy for minutes.
    /// </summary>
    public const int MatchTimeoutMilliseconds = 2000;

    private protected const RegexOptions PatternOptions = RegexOptions.Compiled | RegexOptions.CultureInvariant;

    private protected SensitiveFinder()
    {
    }

    public abstract SensitiveKind Kind { get; }

    /// <summary>What the finder recognises, in the plural, for evidence: "Luhn-valid card numbers".</summary>
    public abstract string Description { get; }

    /// <summary>Appends the items found in <paramref name="text"/> to <paramref name="found"/>; they may overlap (see <see cref="TextFinder"/>).</summary>
    public abstract void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found);

    /// <summary>Whether the whole value, surrounding white space aside, is one such item.</summary>
    public bool IsWholeValue(ReadOnlySpan<char> value)
    {
        var trimmed = value.Trim();
        if (trimmed.IsEmpty)
        {
            return false;
        }

        var found = new List<SensitiveSpan>(1);
        FindIn(trimmed, found);
        var length = trimmed.Length;
        return found.Exists(span => span.Start == 0 && span.Length == length);
    }

    private protected void Scan(Regex pattern, string patternName, ReadOnlySpan<char> text, List<SensitiveSpan> found, CandidateCheck check)
    {
        foreach (var match in pattern.EnumerateMatches(text))
        {
            var (start, length) = check(text.Slice(match.Index, match.Length));
            if (length > 0)
            {
                found.Add(new SensitiveSpan(match.Index + start, length, Kind, patternName));
            }
        }
    }

    /// <summary>For validators that accept a candidate as it is.</summary>
    private protected static (int Start, int Length) Whole(ReadOnlySpan<char> candidate, bool valid) => valid ? (0, candidate.Length) : (0, 0);

    private protected static int CountDigits(ReadOnlySpan<char> text)
    {
        var digits = 0;
        foreach (var character in text)
        {
            if (char.IsAsciiDigit(character))
            {
                digits++;
            }
        }

        return digits;
    }
}
