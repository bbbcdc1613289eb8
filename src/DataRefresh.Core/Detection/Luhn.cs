namespace DataRefresh.Core.Detection;

/// <summary>
/// The Luhn (mod 10) check that card numbers carry. Deliberately tiny and internal: a public Luhn class is coming in
/// Masking/Strategies and the two will be merged.
/// </summary>
internal static class Luhn
{
    /// <summary>Whether the digits of <paramref name="text"/> (other characters ignored) pass the check.</summary>
    public static bool IsValid(ReadOnlySpan<char> text) => Sum(text, checkDigitIncluded: true) % 10 == 0;

    /// <summary>The digit that, appended to the digits of <paramref name="text"/>, makes them pass.</summary>
    public static char CheckDigit(ReadOnlySpan<char> text) => (char)('0' + ((10 - (Sum(text, checkDigitIncluded: false) % 10)) % 10));

    private static int Sum(ReadOnlySpan<char> text, bool checkDigitIncluded)
    {
        var sum = 0;
        var doubled = !checkDigitIncluded;
        for (var index = text.Length - 1; index >= 0; index--)
        {
            if (!char.IsAsciiDigit(text[index]))
            {
                continue;
            }

            var digit = text[index] - '0';
            if (doubled)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum;
    }
}
