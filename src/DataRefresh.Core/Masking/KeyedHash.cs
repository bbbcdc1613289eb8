using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DataRefresh.Core.Masking;

/// <summary>
/// HMAC-SHA256 of (domain, value) under the masking key. The domain keeps equal values in unrelated rules apart;
/// values are serialized the same way for every provider, so a value masks alike in PostgreSQL and SQL Server.
/// </summary>
public sealed class KeyedHash(MaskingKey key, string domain)
{
    public const int Size = 32;

    private readonly byte[] domainBytes = Encoding.UTF8.GetBytes(domain + "\0");

    public void Compute(object value, Span<byte> destination)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(domainBytes.Length + MaxSerializedLength(value));
        try
        {
            domainBytes.CopyTo(buffer, 0);
            var length = domainBytes.Length + Serialize(value, buffer.AsSpan(domainBytes.Length));
            HMACSHA256.HashData(key.Bytes, buffer.AsSpan(0, length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A non-negative 32-bit number drawn from the hash, e.g. to seed a generator.</summary>
    public int ComputeSeed(object value)
    {
        Span<byte> hash = stackalloc byte[Size];
        Compute(value, hash);
        return BinaryPrimitives.ReadInt32BigEndian(hash) & int.MaxValue;
    }

    private static int MaxSerializedLength(object value) => value switch
    {
        string text => Encoding.UTF8.GetMaxByteCount(text.Length),
        byte[] bytes => bytes.Length,
        _ => 16,
    };

    private static int Serialize(object value, Span<byte> destination)
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
