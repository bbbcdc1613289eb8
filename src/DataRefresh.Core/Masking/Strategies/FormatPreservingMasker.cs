using System.Buffers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: format-preserving</c>: a keyed permutation that keeps a value's shape. In text, ASCII digits stay digits,
/// ASCII lower-case letters stay lower-case and upper-case stay upper-case; every other character (separators, spaces,
/// punctuation, and also non-ASCII letters, which have no alphabet we could permute them in without changing their
/// script) stays in place unchanged, and a value with nothing to permute comes back as it was. Integers keep their sign
/// and number of digits and stay within the column's width. Distinct inputs of one shape give distinct outputs, so
/// unique columns stay unique.
/// </summary>
public sealed class FormatPreservingMasker : ColumnMasker
{
    private const int StackLimit = 256;
    private const byte Kept = 0;
    private const byte Digit = 1;
    private const byte Lower = 2;
    private const byte Upper = 3;
    private const byte IntegerShape = 4;

    private readonly MixedRadixFeistel cipher;
    private readonly int bits;

    public FormatPreservingMasker(KeyedHash hash, ColumnInfo column)
    {
        if (column.Category is not (ColumnCategory.Text or ColumnCategory.Integer))
        {
            throw new ArgumentException("format-preserving fits text and integer columns only.", nameof(column));
        }

        cipher = new MixedRadixFeistel(hash, "format-preserving");
        bits = IntegerDigits.WidthOf(column);
    }

    /// <summary>A Feistel network is a bijection on each shape, and the shape itself is kept.</summary>
    public override bool IsInjective => true;

    public override object? Mask(object? value) => Transform(value, inverse: false);

    /// <summary>The input that masks to <paramref name="value"/>: tests use it to show the mask is a permutation.</summary>
    internal object? Invert(object? value) => Transform(value, inverse: true);

    private object? Transform(object? value, bool inverse) => value switch
    {
        null => null,
        string text => TransformText(text, inverse),
        long number => TransformInteger(number, inverse),
        _ => throw new InvalidOperationException($"format-preserving received a {value.GetType().Name}; the planner admits text and integer columns only."),
    };

    private string TransformText(string text, bool inverse)
    {
        // Shape: one class byte per character, plus the character itself where it is kept, so the tweak tells apart
        // "AB-12" and "AB 12"; digits and radices only for the characters that are permuted.
        var shapeSize = 3 * text.Length;
        var rented = shapeSize + (2 * text.Length) > StackLimit ? ArrayPool<byte>.Shared.Rent(shapeSize + (2 * text.Length)) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var shape = buffer[..shapeSize];
            var digits = buffer.Slice(shapeSize, text.Length);
            var radices = buffer.Slice(shapeSize + text.Length, text.Length);
            var shapeLength = 0;
            var count = 0;
            foreach (var character in text)
            {
                var (kind, radix, first) = Classify(character);
                shape[shapeLength++] = kind;
                if (kind == Kept)
                {
                    shape[shapeLength++] = (byte)character;
                    shape[shapeLength++] = (byte)(character >> 8);
                    continue;
                }

                digits[count] = (byte)(character - first);
                radices[count++] = radix;
            }

            if (count == 0)
            {
                return text;
            }

            var tweak = cipher.Tweak(shape[..shapeLength]);
            if (inverse)
            {
                cipher.Decrypt(digits[..count], radices[..count], tweak);
            }
            else
            {
                cipher.Encrypt(digits[..count], radices[..count], tweak);
            }

            var result = new char[text.Length];
            var next = 0;
            for (var index = 0; index < text.Length; index++)
            {
                var (kind, _, first) = Classify(text[index]);
                result[index] = kind == Kept ? text[index] : (char)(first + digits[next++]);
            }

            return new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static (byte Kind, byte Radix, char First) Classify(char character) => character switch
    {
        >= '0' and <= '9' => (Digit, 10, '0'),
        >= 'a' and <= 'z' => (Lower, 26, 'a'),
        >= 'A' and <= 'Z' => (Upper, 26, 'A'),
        _ => (Kept, 0, '\0'),
    };

    /// <summary>
    /// Permutes the digits of the magnitude among vectors of the same length, then cycle-walks: while the result has a
    /// leading zero or does not fit the column's width, permute again. This ends for every in-range input: the permutation
    /// splits the finite set of digit vectors into cycles, and the input's own cycle returns to the input, which is in
    /// range, so some in-range vector is met within one turn of the cycle. It stays injective: each in-range vector maps
    /// to the next in-range vector on its cycle, and walking the cycle backwards (<see cref="Invert"/>) recovers it.
    /// </summary>
    private long TransformInteger(long number, bool inverse)
    {
        if (!IntegerDigits.Fits(number, bits))
        {
            throw new InvalidOperationException($"format-preserving received an integer wider than its column's {bits} bits.");
        }

        Span<byte> digits = stackalloc byte[IntegerDigits.MaxDigits];
        digits = digits[..IntegerDigits.Split(number, digits)];
        Span<byte> radices = stackalloc byte[digits.Length];
        radices.Fill(10);
        ReadOnlySpan<byte> shape = [IntegerShape, number < 0 ? (byte)1 : (byte)0, (byte)digits.Length];
        var tweak = cipher.Tweak(shape);
        long result;
        do
        {
            if (inverse)
            {
                cipher.Decrypt(digits, radices, tweak);
            }
            else
            {
                cipher.Encrypt(digits, radices, tweak);
            }
        }
        while (!IntegerDigits.TryCompose(digits, number < 0, bits, out result));

        return result;
    }
}
