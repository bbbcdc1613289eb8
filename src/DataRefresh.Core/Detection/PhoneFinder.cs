using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// Phone numbers: 7–15 digits in a shape only phone numbers have. International numbers (<c>+49 30 1234567</c>,
/// <c>0049…</c>), a parenthesised area code (<c>(555) 123-4567</c>), national numbers with a trunk 0 (<c>030 1234567</c>,
/// <c>01711234567</c>), or the North American groupings 555-0100, 555-123-4567 and 1-555-123-4567. Dates, amounts,
/// years, thousands groupings, version strings and plain ids do not have these shapes and are not reported.
/// </summary>
public sealed partial class PhoneFinder : SensitiveFinder
{
    public override SensitiveKind Kind => SensitiveKind.Phone;

    public override string Description => "phone numbers";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found)
    {
        foreach (var match in Candidates().EnumerateMatches(text))
        {
            FindInWords(text, match.Index, match.Length, found);
        }
    }

    /// <summary>
    /// A candidate is a run of space-separated words of digits and separators ("on 2024-01-15 555-123-4567" gives one).
    /// The longest run of whole words that is a phone number wins, so a date or a count next to a number does not hide it.
    /// </summary>
    private void FindInWords(ReadOnlySpan<char> text, int start, int length, List<SensitiveSpan> found)
    {
        Span<Range> words = stackalloc Range[16];
        var candidate = text.Slice(start, length);
        var count = candidate.Split(words, ' ');
        for (var first = 0; first < count; first++)
        {
            for (var last = count - 1; last >= first; last--)
            {
                var from = words[first].Start.Value;
                var to = words[last].End.Value;
                if (IsPhone(candidate[from..to]))
                {
                    found.Add(new SensitiveSpan(start + from, to - from, Kind, candidate[from] == '+' || candidate[from..].StartsWith("00") ? "international-phone" : "national-phone"));
                    first = last;
                    break;
                }
            }
        }
    }

    internal static bool IsPhone(ReadOnlySpan<char> number)
    {
        var digits = CountDigits(number);
        if (digits is < 7 or > 15 || !IsTidy(number) || !char.IsAsciiDigit(number[^1]))
        {
            return false;
        }

        if (number[0] == '+')
        {
            return digits >= 8 && number.Length > 1 && number[1 + (number[1] == '(' ? 1 : 0)] is >= '1' and <= '9';
        }

        if (number.StartsWith("00"))
        {
            return digits >= 10 && number.Length > 2 && number[2] is >= '1' and <= '9';
        }

        if (DateLike().IsMatch(number))
        {
            return false;
        }

        if (number[0] == '(')
        {
            return true;
        }

        if (number[0] == '0')
        {
            return digits is >= 9 and <= 12;
        }

        return IsNorthAmerican(number);
    }

    /// <summary>Single separators between digits, at most one parenthesised group of 1–5 digits at the start.</summary>
    private static bool IsTidy(ReadOnlySpan<char> number)
    {
        var open = number.IndexOf('(');
        var close = number.IndexOf(')');
        if ((open >= 0 || close >= 0) && !IsAreaCodeGroup(number, open, close))
        {
            return false;
        }

        for (var index = 1; index < number.Length; index++)
        {
            if (!char.IsAsciiDigit(number[index]) && !char.IsAsciiDigit(number[index - 1]) && number[index - 1] != ')' && number[index] != '(')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One "(…)" of 1–5 digits (optionally "+"), preceded by nothing or by an international prefix.</summary>
    private static bool IsAreaCodeGroup(ReadOnlySpan<char> number, int open, int close)
    {
        if (open < 0 || close < open + 2 || number[(close + 1)..].IndexOfAny('(', ')') >= 0 || number[(open + 1)..].IndexOf('(') >= 0)
        {
            return false;
        }

        var inside = number[(open + 1)..close].TrimStart('+');
        var prefix = number[..open].TrimEnd(' ');
        return inside.Length is >= 1 and <= 5 && !inside.ContainsAnyExceptInRange('0', '9')
            && (prefix.IsEmpty || (prefix[0] == '+' && !prefix[1..].ContainsAnyExceptInRange('0', '9')));
    }

    private static bool IsNorthAmerican(ReadOnlySpan<char> number)
    {
        Span<int> groups = stackalloc int[5];
        var count = 0;
        var separator = '\0';
        var run = 0;
        foreach (var character in number)
        {
            if (char.IsAsciiDigit(character))
            {
                run++;
                continue;
            }

            if (count == 4 || (separator != '\0' && character != separator) || character is not (' ' or '-' or '.'))
            {
                return false;
            }

            separator = character;
            groups[count++] = run;
            run = 0;
        }

        groups[count++] = run;
        return groups[..count] switch
        {
            [3, 4] => separator == '-',
            [3, 3, 4] => true,
            [1, 3, 3, 4] => number[0] == '1',
            _ => false,
        };
    }

    [GeneratedRegex(@"(?<![\w+.\-/()])[+(]{0,2}\d(?:[\d\-./()]|\x20(?=[+(]?\d))*(?<=\d)(?![\w\-]|[./]\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex Candidates();

    [GeneratedRegex(@"^(?:(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:(?:19|20)\d\d|\d\d))(?!\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex DateLike();
}
