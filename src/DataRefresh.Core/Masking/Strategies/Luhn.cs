namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// The Luhn (mod 10) check that card numbers and many account numbers carry in their last digit. Spaces and dashes are
/// allowed between digits, as card numbers are written.
/// </summary>
public static class Luhn
{
    /// <summary>Whether <paramref name="number"/> is at least two digits (spaces and dashes aside) and passes the check.</summary>
    public static bool IsValid(ReadOnlySpan<char> number)
    {
        var sum = 0;
        var digits = 0;
        for (var index = number.Length - 1; index >= 0; index--)
        {
            var character = number[index];
            if (character is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(character))
            {
                return false;
            }

            // The check digit itself is not doubled, then every second digit to its left is.
            sum += Weigh(character - '0', doubled: digits % 2 == 1);
            digits++;
        }

        return digits >= 2 && sum % 10 == 0;
    }

    /// <summary>The digit to append to <paramref name="payload"/> (digits, spaces and dashes) so the whole passes the check.</summary>
    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var digits = 0;
        for (var index = payload.Length - 1; index >= 0; index--)
        {
            var character = payload[index];
            if (character is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(character))
            {
                throw new ArgumentException("A Luhn payload holds only digits, spaces and dashes.", nameof(payload));
            }

            sum += Weigh(character - '0', doubled: digits % 2 == 0);
            digits++;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>The check digit (0–9) for digit values (0–9), most significant first.</summary>
    internal static byte CheckDigit(ReadOnlySpan<byte> payload)
    {
        var sum = 0;
        for (var index = 0; index < payload.Length; index++)
        {
            // Counted from the right, the payload's last digit sits next to the check digit and is doubled.
            sum += Weigh(payload[^(index + 1)], doubled: index % 2 == 0);
        }

        return (byte)((10 - (sum % 10)) % 10);
    }

    private static int Weigh(int digit, bool doubled) => !doubled ? digit : digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
}
