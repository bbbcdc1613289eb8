using System.Text.RegularExpressions;

namespace DataRefresh.Core.Detection;

/// <summary>
/// IBANs, written together or with single spaces: a known country code, the length that country's IBANs have, and a
/// valid ISO 7064 mod-97 checksum.
/// </summary>
public sealed partial class IbanFinder : SensitiveFinder
{
    // IBAN lengths per country, from the SWIFT IBAN registry.
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LengthLookup = Lengths.GetAlternateLookup<ReadOnlySpan<char>>();

    public override SensitiveKind Kind => SensitiveKind.Iban;

    public override string Description => "IBANs with a valid mod-97 checksum";

    public override void FindIn(ReadOnlySpan<char> text, List<SensitiveSpan> found) => Scan(Pattern(), "iban", text, found, Check);

    /// <summary>The length of an IBAN in this country, or 0 for a country without IBANs.</summary>
    internal static int LengthFor(ReadOnlySpan<char> countryCode) => LengthLookup.TryGetValue(countryCode, out var length) ? length : 0;

    /// <summary>
    /// Takes as many characters as the country's IBANs have; what follows must be the end or a space, so the candidate's
    /// trailing words ("… 00 EUR") are not part of the number.
    /// </summary>
    private static (int Start, int Length) Check(ReadOnlySpan<char> candidate)
    {
        var expected = LengthFor(candidate[..2]);
        if (expected == 0)
        {
            return (0, 0);
        }

        var characters = 0;
        var end = 0;
        while (end < candidate.Length && characters < expected)
        {
            if (candidate[end++] != ' ')
            {
                characters++;
            }
        }

        var valid = characters == expected && (end == candidate.Length || candidate[end] == ' ') && Remainder(candidate[..end]) == 1;
        return valid ? (0, end) : (0, 0);
    }

    /// <summary>
    /// ISO 7064 mod 97 of the IBAN rearranged (first four characters moved to the end, letters as 10–35), spaces ignored.
    /// A valid IBAN gives 1.
    /// </summary>
    internal static int Remainder(ReadOnlySpan<char> iban)
    {
        var remainder = 0;
        var compact = iban.Length <= 64 ? stackalloc char[iban.Length] : new char[iban.Length];
        var length = 0;
        foreach (var character in iban)
        {
            if (character != ' ')
            {
                compact[length++] = character;
            }
        }

        for (var index = 0; index < length; index++)
        {
            var character = compact[(index + 4) % length];
            remainder = char.IsAsciiDigit(character)
                ? ((remainder * 10) + (character - '0')) % 97
                : ((remainder * 100) + (char.ToUpperInvariant(character) - 'A' + 10)) % 97;
        }

        return remainder;
    }

    [GeneratedRegex(@"(?<![\w])[A-Z]{2}\d{2}(?:\x20?[A-Z0-9]){10,32}(?![a-z0-9])", PatternOptions, MatchTimeoutMilliseconds)]
    private static partial Regex Pattern();
}
