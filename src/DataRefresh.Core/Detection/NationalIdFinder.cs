using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// National identification numbers with a shape or checksum that sets them apart from other numbers: US Social Security
/// numbers (ddd-dd-dddd outside the ranges the SSA never issues), UK National Insurance numbers (valid prefix letters),
/// German tax ids (Steuer-IdNr: ISO 7064 mod 11,10 and its digit-repetition rule) and French social security numbers
/// (NIR: 97 minus the number mod 97).
/// </summary>
public sealed partial class NationalIdFinder : SensitiveFinder
{
    private static readonly HashSet<string> InvalidNinoPrefixes = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

    public override SensitiveKind Kind => SensitiveKind.NationalId;

    public override string Description => "national ids (US SSN, UK NINO, German Steuer-ID, French NIR)";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found)
    {
        Scan(SsnPattern(), "us-ssn", text, found, candidate => Whole(candidate, IsSsn(candidate)));
        Scan(NinoPattern(), "uk-nino", text, found, candidate => Whole(candidate, !InvalidNinoPrefixes.Contains(candidate[..2].ToString())));
        Scan(SteuerIdPattern(), "de-steuer-id", text, found, candidate => Whole(candidate, IsSteuerId(candidate)));
        Scan(NirPattern(), "fr-nir", text, found, candidate => Whole(candidate, IsNir(candidate)));
    }

    /// <summary>Area 000, 666 and 900–999, group 00 and serial 0000 are never issued.</summary>
    internal static bool IsSsn(ReadOnlySpan<char> ssn)
    {
        var area = ((ssn[0] - '0') * 100) + ((ssn[1] - '0') * 10) + (ssn[2] - '0');
        return area is not (0 or 666 or >= 900) && ssn[4..6] is not "00" && ssn[7..] is not "0000";
    }

    internal static bool IsSteuerId(ReadOnlySpan<char> candidate)
    {
        Span<char> digits = stackalloc char[11];
        var length = 0;
        foreach (var character in candidate)
        {
            if (char.IsAsciiDigit(character))
            {
                digits[length++] = character;
            }
        }

        // In the first ten digits exactly one digit appears twice or three times, every other at most once.
        Span<int> counts = stackalloc int[10];
        foreach (var digit in digits[..10])
        {
            counts[digit - '0']++;
        }

        var repeated = 0;
        foreach (var count in counts)
        {
            if (count > 3)
            {
                return false;
            }

            repeated += count > 1 ? 1 : 0;
        }

        return repeated == 1 && Mod11Then10CheckDigit(digits[..10]) == digits[10] - '0';
    }

    private static int Mod11Then10CheckDigit(ReadOnlySpan<char> digits)
    {
        var product = 10;
        foreach (var digit in digits)
        {
            var sum = (digit - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        var check = 11 - product;
        return check == 10 ? 0 : check;
    }

    /// <summary>The key (last two digits) is 97 minus the first 13 mod 97; Corsica's 2A and 2B count as 19 and 18.</summary>
    internal static bool IsNir(ReadOnlySpan<char> candidate)
    {
        long number = 0;
        var key = 0;
        var position = 0;
        for (var index = 0; index < candidate.Length; index++)
        {
            var character = candidate[index];
            if (character == ' ')
            {
                continue;
            }

            if (character is 'A' or 'B')
            {
                // "2A"/"2B": the 2 already counted; replace it so the department reads 19 or 18.
                number = (number - 2) * 100 / 10 + (character == 'A' ? 19 : 18);
                position++;
                continue;
            }

            if (position < 13)
            {
                number = (number * 10) + (character - '0');
            }
            else
            {
                key = (key * 10) + (character - '0');
            }

            position++;
        }

        return position == 15 && key == 97 - (int)(number % 97);
    }

    [GeneratedRegex(@"(?<![\w\-])\d{3}-\d{2}-\d{4}(?![\w\-]|\.\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex SsnPattern();

    [GeneratedRegex(@"(?<!\w)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\x20?\d{2}\x20?\d{2}\x20?\d{2}\x20?[A-D](?!\w)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex NinoPattern();

    [GeneratedRegex(@"(?<![\w\-.,])[1-9]\d(?:\d{9}|\x20\d{3}\x20\d{3}\x20\d{3})(?![\w\-]|[.,]\d)", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex SteuerIdPattern();

    [GeneratedRegex(
        @"(?<![\w\-.,])[12]\x20?\d{2}\x20?(?:0[1-9]|1[0-2]|[2-9]\d)\x20?(?:\d{2}|2[AB])\x20?\d{3}\x20?\d{3}\x20?\d{2}(?![\w\-]|[.,]\d)",
        PatternOptions,
        MatchTimeoutMilliseconds)]
    private static partial Regex NirPattern();
}
