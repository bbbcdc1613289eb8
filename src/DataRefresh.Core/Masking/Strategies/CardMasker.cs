namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: card</c>: card numbers, as text (digits with any spaces, dashes or other characters, which stay in place) or
/// as an integer. The first <c>keepPrefix</c> digits (the issuer) stay, the digits between them and the last one go
/// through a keyed permutation, and the last digit is recomputed so a number that passed the Luhn check still passes it.
/// A number that failed the check keeps failing it by the same amount: forcing it valid would make it collide with the
/// valid number that differs only in its last digit. A value with fewer than <c>keepPrefix + 2</c> digits has no room for
/// prefix, body and check digit: all its digits are permuted and no check digit is computed.
/// </summary>
public sealed class CardMasker : ColumnMasker
{
    public const int MaxKeepPrefix = 8;

    // The longest run of digits kept on the stack; longer values are not card numbers and rent instead.
    private const int StackLimit = 64;
    private const byte ShortShape = 1;
    private const byte CardShape = 2;

    private readonly MixedRadixFeistel cipher;
    private readonly int keepPrefix;
    private readonly int bits;

    /// <param name="column">
    /// The column, for integer columns narrower than 64 bits: without it a masked number could outgrow an int4 column and
    /// be clamped by the writer into a collision.
    /// </param>
    public CardMasker(KeyedHash hash, int keepPrefix, Schema.ColumnInfo? column = null)
    {
        if (keepPrefix is < 0 or > MaxKeepPrefix)
        {
            throw new ArgumentException($"card keeps between 0 and {MaxKeepPrefix} leading digits.", nameof(keepPrefix));
        }

        cipher = new MixedRadixFeistel(hash, "card");
        this.keepPrefix = keepPrefix;
        bits = column is null ? 64 : IntegerDigits.WidthOf(column);
    }

    /// <summary>
    /// Injective: the prefix is kept, the body is permuted, and the last digit is the Luhn check digit of the new prefix
    /// and body plus the input's own offset from its check digit (0 for valid numbers). So (prefix, body, offset) is
    /// recovered from the output, and that triple determines the input; numbers with another prefix keep it, so they
    /// differ in the output too.
    /// </summary>
    public override bool IsInjective => true;

    public override object? Mask(object? value) => Transform(value, inverse: false);

    /// <summary>The input that masks to <paramref name="value"/>: tests use it to show the mask is a permutation.</summary>
    internal object? Invert(object? value) => Transform(value, inverse: true);

    private object? Transform(object? value, bool inverse) => value switch
    {
        null => null,
        string text => TransformText(text, inverse),
        long number => TransformInteger(number, inverse),
        _ => throw new InvalidOperationException($"card received a {value.GetType().Name}; the planner admits text and integer columns only."),
    };

    private string TransformText(string text, bool inverse)
    {
        var count = 0;
        foreach (var character in text)
        {
            count += char.IsAsciiDigit(character) ? 1 : 0;
        }

        if (count == 0)
        {
            return text;
        }

        var digits = count <= StackLimit ? stackalloc byte[count] : new byte[count];
        var next = 0;
        foreach (var character in text)
        {
            if (char.IsAsciiDigit(character))
            {
                digits[next++] = (byte)(character - '0');
            }
        }

        Permute(digits, negative: false, inverse);
        var result = text.ToCharArray();
        next = 0;
        for (var index = 0; index < result.Length; index++)
        {
            if (char.IsAsciiDigit(result[index]))
            {
                result[index] = (char)('0' + digits[next++]);
            }
        }

        return new string(result);
    }

    /// <summary>
    /// Cycle-walks like <see cref="FormatPreservingMasker"/>: the permutation of the body is a bijection for a fixed
    /// prefix and check offset, so repeating it until the number has no leading zero and fits the column's width ends
    /// within one turn of the input's own cycle.
    /// </summary>
    private long TransformInteger(long number, bool inverse)
    {
        if (!IntegerDigits.Fits(number, bits))
        {
            throw new InvalidOperationException($"card received an integer wider than its column's {bits} bits.");
        }

        Span<byte> digits = stackalloc byte[IntegerDigits.MaxDigits];
        digits = digits[..IntegerDigits.Split(number, digits)];
        long result;
        do
        {
            Permute(digits, number < 0, inverse);
        }
        while (!IntegerDigits.TryCompose(digits, number < 0, bits, out result));

        return result;
    }

    private void Permute(Span<byte> digits, bool negative, bool inverse)
    {
        var count = digits.Length;
        var radices = count <= StackLimit ? stackalloc byte[count] : new byte[count];
        radices.Fill(10);
        if (count < keepPrefix + 2)
        {
            ReadOnlySpan<byte> shortShape = [ShortShape, (byte)keepPrefix, negative ? (byte)1 : (byte)0, (byte)count, (byte)(count >> 8)];
            Apply(digits, radices, cipher.Tweak(shortShape), inverse);
            return;
        }

        // The issuer's digits choose the permutation, so two issuers' cards with the same body do not mask alike.
        Span<byte> shape = stackalloc byte[5 + keepPrefix];
        shape[0] = CardShape;
        shape[1] = negative ? (byte)1 : (byte)0;
        shape[2] = (byte)count;
        shape[3] = (byte)(count >> 8);
        shape[4] = (byte)keepPrefix;
        digits[..keepPrefix].CopyTo(shape[5..]);

        var offset = (digits[count - 1] - Luhn.CheckDigit(digits[..(count - 1)]) + 10) % 10;
        Apply(digits[keepPrefix..(count - 1)], radices[keepPrefix..(count - 1)], cipher.Tweak(shape), inverse);
        digits[count - 1] = (byte)((Luhn.CheckDigit(digits[..(count - 1)]) + offset) % 10);
    }

    private void Apply(Span<byte> digits, ReadOnlySpan<byte> radices, ulong tweak, bool inverse)
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
}
