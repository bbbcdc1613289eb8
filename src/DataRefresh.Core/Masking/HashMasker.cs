using System.Buffers.Binary;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: hash</c>: 128 keyed bits of the value, in the column's own kind — 32 hex characters (cut to the column's
/// length), a UUID, 16 bytes, a JSON string of the hex; for the other kinds as many of the bits as fit: an integer of
/// the column's width (never negative), a number within its precision and scale, a date or timestamp between 1900 and
/// 2100, a boolean. Equal inputs stay equal, so hashed keys still join; only the wide kinds keep distinct inputs apart.
/// </summary>
public sealed class HashMasker(KeyedHash hash, ColumnInfo column) : ColumnMasker
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);
    private static readonly int DaysInRange = new DateOnly(2100, 1, 1).DayNumber - Earliest.DayNumber;
    private static readonly long SecondsInRange = DaysInRange * 86_400L;

    private readonly int integerBits = Strategies.IntegerDigits.WidthOf(column);

    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[KeyedHash.WideSize];
        hash.Compute128(value, digest);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(digest);
        return value switch
        {
            Guid => new Guid(digest, bigEndian: true),
            byte[] => digest.ToArray(),
            long => (long)(bits >> (65 - integerBits)),
            double => (double)(bits >> 11),
            decimal => Number(bits),
            bool => (bits & 1) == 1,
            DateOnly => Earliest.AddDays((int)(bits % (ulong)DaysInRange)),
            DateTime time => DateTime.SpecifyKind(Earliest.ToDateTime(TimeOnly.MinValue).AddSeconds(bits % (ulong)SecondsInRange), time.Kind),
            string when column.Category == ColumnCategory.Json => $"\"{Convert.ToHexStringLower(digest)}\"",
            _ => TextFit.Truncate(Convert.ToHexStringLower(digest), column.MaxLength),
        };
    }

    /// <summary>A decimal with the column's scale and no more digits than its precision (18 when it declares none).</summary>
    private decimal Number(ulong bits)
    {
        var scale = Math.Clamp(column.Scale ?? 0, 0, 18);
        var digits = Math.Clamp(column.Precision ?? 18, scale, 18);
        var limit = 1UL;
        for (var digit = 0; digit < digits; digit++)
        {
            limit *= 10;
        }

        return new decimal((long)(bits % limit)) / (decimal)Math.Pow(10, scale);
    }
}
