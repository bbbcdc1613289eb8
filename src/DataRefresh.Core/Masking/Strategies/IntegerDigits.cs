namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// The decimal digits of an integer column's value and the way back, within the column's width in bits. Digit masks on
/// integers keep the sign and the number of digits; a digit vector with a leading zero or past the width is "out of
/// range", which the callers' cycle walks step over.
/// </summary>
internal static class IntegerDigits
{
    /// <summary>At most 19 digits: the longest magnitude a long has.</summary>
    public const int MaxDigits = 19;

    /// <summary>Writes the magnitude's digits, most significant first, and returns how many there are.</summary>
    public static int Split(long value, Span<byte> digits)
    {
        var magnitude = Magnitude(value);
        var count = 1;
        for (var rest = magnitude / 10; rest > 0; rest /= 10)
        {
            count++;
        }

        for (var index = count - 1; index >= 0; index--)
        {
            digits[index] = (byte)(magnitude % 10);
            magnitude /= 10;
        }

        return count;
    }

    /// <summary>
    /// The value of <paramref name="digits"/> with the given sign, when it has no leading zero (a single 0 is fine, but not
    /// as a negative number) and fits a signed integer of <paramref name="bits"/> bits.
    /// </summary>
    public static bool TryCompose(ReadOnlySpan<byte> digits, bool negative, int bits, out long value)
    {
        value = 0;
        if (digits.Length > 1 && digits[0] == 0)
        {
            return false;
        }

        var limit = MaxMagnitude(negative, bits);
        ulong magnitude = 0;
        foreach (var digit in digits)
        {
            // 19 digits can exceed ulong only past 1.8e19; check before multiplying so it never wraps.
            if (digit > limit || magnitude > (limit - digit) / 10)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        // A negative value whose digits became 0 would lose its sign and collide with the input 0.
        if (negative && magnitude == 0)
        {
            return false;
        }

        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        return true;
    }

    /// <summary>Whether <paramref name="value"/> fits a signed integer of <paramref name="bits"/> bits.</summary>
    public static bool Fits(long value, int bits) => Magnitude(value) <= MaxMagnitude(value < 0, bits);

    /// <summary>Checks a column's declared width, so a wrong width fails when the masker is built, not per row.</summary>
    public static int WidthOf(Schema.ColumnInfo column) => column.Category != Schema.ColumnCategory.Integer || column.Precision is null
        ? 64
        : column.Precision is >= 2 and <= 64 ? column.Precision.Value
        : throw new ArgumentException("An integer column's precision must be its width in bits, between 2 and 64.", nameof(column));

    private static ulong Magnitude(long value) => value < 0 ? 0UL - (ulong)value : (ulong)value;

    private static ulong MaxMagnitude(bool negative, int bits) => negative ? 1UL << (bits - 1) : (1UL << (bits - 1)) - 1;
}
