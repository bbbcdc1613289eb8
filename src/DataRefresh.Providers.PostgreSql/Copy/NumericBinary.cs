using System.Buffers.Binary;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// PostgreSQL's binary <c>numeric</c> ↔ <see cref="decimal"/>. The wire form is a header of four 16-bit words (digit
/// count, weight of the first digit as a power of 10000, sign, display scale) and then base-10000 digits, most significant
/// first. NaN, the infinities and values a decimal cannot hold exactly (more than 28 decimals or 96 bits of digits) are
/// "not decodable" and pass through unchanged.
/// </summary>
internal static class NumericBinary
{
    private const int HeaderSize = 8;
    private const ushort Positive = 0x0000;
    private const ushort Negative = 0x4000;
    private const int MaxDecimalScale = 28;
    private static readonly UInt128 MaxUnscaled = (UInt128.One << 96) - 1;

    // Past this a multiplication by 10000 could leave UInt128; the unscaled value must stay below 2^96 anyway.
    private static readonly UInt128 Accumulating = UInt128.MaxValue / 10_000;

    public static bool TryDecode(ReadOnlySpan<byte> data, out decimal value)
    {
        value = 0;
        var count = BinaryPrimitives.ReadInt16BigEndian(data);
        var weight = BinaryPrimitives.ReadInt16BigEndian(data[2..]);
        var sign = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        var displayScale = BinaryPrimitives.ReadInt16BigEndian(data[6..]);
        if (sign is not (Positive or Negative) || displayScale is < 0 or > MaxDecimalScale || data.Length != HeaderSize + (2 * count))
        {
            return false;
        }

        UInt128 digits = 0;
        for (var index = 0; index < count; index++)
        {
            if (digits > Accumulating)
            {
                return false;
            }

            digits = (digits * 10_000) + BinaryPrimitives.ReadUInt16BigEndian(data[(HeaderSize + (2 * index))..]);
        }

        // value = digits · 10^exponent; as a decimal it is unscaled · 10^-scale with scale = displayScale where possible.
        var exponent = 4 * (weight - count + 1);
        var scale = (int)displayScale;
        var shift = exponent + scale;
        for (; shift > 0 && digits != 0; shift--)
        {
            if (digits > MaxUnscaled / 10)
            {
                return false;
            }

            digits *= 10;
        }

        // Digits below the display scale are zeros PostgreSQL stored to fill a base-10000 digit; drop them, and if any is
        // not zero after all, keep it by widening the scale.
        for (; shift < 0 && digits % 10 == 0 && digits != 0; shift++)
        {
            digits /= 10;
        }

        if (digits != 0)
        {
            scale -= Math.Min(shift, 0);
        }

        if (digits > MaxUnscaled || scale > MaxDecimalScale)
        {
            return false;
        }

        value = new decimal((int)(uint)digits, (int)(uint)(digits >> 32), (int)(uint)(digits >> 64), sign == Negative, (byte)scale);
        return true;
    }

    /// <summary>The field's length prefix and its numeric form, with the decimal's own scale as the display scale.</summary>
    public static void Write(decimal value, BatchBuffer output)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = value.Scale;

        // Align the decimal point on a base-10000 digit: pad the fraction to a multiple of four decimals.
        var padding = (4 - (scale % 4)) % 4;
        for (var index = 0; index < padding; index++)
        {
            unscaled *= 10;
        }

        var fractionDigits = (scale + padding) / 4;
        Span<short> digits = stackalloc short[12]; // 2^96 · 10^3 < 10^32: eight digits; twelve leave room
        var count = 0;
        for (; unscaled != 0; unscaled /= 10_000)
        {
            digits[count++] = (short)(ushort)(unscaled % 10_000);
        }

        // digits holds the least significant first; PostgreSQL stores neither leading nor trailing zero digits.
        var trailingZeros = 0;
        while (trailingZeros < count && digits[trailingZeros] == 0)
        {
            trailingZeros++;
        }

        var stored = count - trailingZeros;
        var weight = stored == 0 ? 0 : count - 1 - fractionDigits;
        output.WriteInt32(HeaderSize + (2 * stored));
        output.WriteInt16((short)stored);
        output.WriteInt16((short)weight);
        output.WriteInt16(stored != 0 && value < 0 ? unchecked((short)Negative) : (short)Positive);
        output.WriteInt16((short)scale);
        for (var index = count - 1; index >= trailingZeros; index--)
        {
            output.WriteInt16(digits[index]);
        }
    }
}
