using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DataRefresh.Core.Masking;

/// <summary>
/// The keyed function behind every deterministic mask: SipHash-2-4 of the serialized value under a subkey that
/// HMAC-SHA256 derives once from the masking key and the rule's domain. The domain keeps equal values in unrelated rules
/// apart; values are serialized the same way for every provider, so a value masks alike in PostgreSQL and SQL Server.
/// Immutable and allocation-free per value, so one instance serves every worker.
/// </summary>
public sealed class KeyedHash
{
    /// <summary>Bytes produced by <see cref="Compute128"/>.</summary>
    public const int WideSize = 16;

    // Values up to this size serialize on the stack; longer ones rent a buffer.
    private const int StackLimit = 512;

    private readonly SipHash low;
    private readonly SipHash high;

    public KeyedHash(MaskingKey key, string domain)
    {
        var subkey = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("datarefresh-mask-v2\0" + domain));
        low = new SipHash(BinaryPrimitives.ReadUInt64LittleEndian(subkey), BinaryPrimitives.ReadUInt64LittleEndian(subkey.AsSpan(8)));
        high = new SipHash(BinaryPrimitives.ReadUInt64LittleEndian(subkey.AsSpan(16)), BinaryPrimitives.ReadUInt64LittleEndian(subkey.AsSpan(24)));
    }

    /// <summary>64 keyed bits of the value: enough to pick, seed or shift.</summary>
    public ulong Compute64(object value)
    {
        Hash(value, wide: false, out var first, out _);
        return first;
    }

    /// <summary>128 keyed bits of the value (two independent SipHash keys), where collisions must stay negligible.</summary>
    public void Compute128(object value, Span<byte> destination)
    {
        Hash(value, wide: true, out var first, out var second);
        BinaryPrimitives.WriteUInt64BigEndian(destination, first);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], second);
    }

    private void Hash(object value, bool wide, out ulong first, out ulong second)
    {
        var size = MaxSerializedLength(value);
        var rented = size > StackLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var buffer = rented is null ? stackalloc byte[StackLimit] : rented;
            var bytes = buffer[..Serialize(value, buffer)];
            first = low.Compute(bytes);
            second = wide ? high.Compute(bytes) : 0;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int MaxSerializedLength(object value) => value switch
    {
        string text => text.Length * 3 <= StackLimit ? text.Length * 3 : Encoding.UTF8.GetByteCount(text),
        byte[] bytes => bytes.Length,
        _ => 16,
    };

    internal static int Serialize(object value, Span<byte> destination)
    {
        switch (value)
        {
            case string text:
                return Encoding.UTF8.GetBytes(text, destination);
            case byte[] bytes:
                bytes.CopyTo(destination);
                return bytes.Length;
            case long number:
                BinaryPrimitives.WriteInt64BigEndian(destination, number);
                return 8;
            case double number:
                BinaryPrimitives.WriteInt64BigEndian(destination, BitConverter.DoubleToInt64Bits(number));
                return 8;
            case decimal number:
                // 1.5 and 1.50 are the same number and must mask alike: hash the value without trailing zeros.
                Span<int> parts = stackalloc int[4];
                decimal.GetBits(number == 0 ? 0m : number / 1.0000000000000000000000000000m, parts);
                for (var index = 0; index < 4; index++)
                {
                    BinaryPrimitives.WriteInt32BigEndian(destination[(index * 4)..], parts[index]);
                }

                return 16;
            case bool flag:
                destination[0] = flag ? (byte)1 : (byte)0;
                return 1;
            case DateOnly date:
                BinaryPrimitives.WriteInt32BigEndian(destination, date.DayNumber);
                return 4;
            case DateTime time:
                BinaryPrimitives.WriteInt64BigEndian(destination, time.Ticks);
                return 8;
            case Guid guid:
                guid.TryWriteBytes(destination, bigEndian: true, out var written);
                return written;
            default:
                throw new NotSupportedException($"Values of type {value.GetType().Name} cannot be hashed.");
        }
    }
}
