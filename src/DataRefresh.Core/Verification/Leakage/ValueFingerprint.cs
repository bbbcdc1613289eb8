using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using DataRefresh.Core.Masking;

namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// 64-bit fingerprints of one column's values for the leakage evidence: XxHash3 under a seed the masking key and the
/// column derive. These never leave the process and only need equal values to match and distinct values to spread
/// uniformly (<see cref="FingerprintSample"/> samples by their low bits), so a fast non-cryptographic hash serves; the
/// masks' keyed SipHash cost about a quarter of a masked row's CPU here (two fingerprints per masked cell).
/// Text is hashed as its UTF-16 code units, other values as the masks serialize them (so 1.5 and 1.50 match).
/// </summary>
internal sealed class ValueFingerprint
{
    // Every value that is neither text nor bytes serializes into this much (KeyedHash.MaxSerializedLength).
    private const int ScalarSize = 16;
    private readonly long textSeed;
    private readonly long otherSeed;

    public ValueFingerprint(MaskingKey key, string domain)
    {
        var seeds = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes("datarefresh-fingerprint-v1\0" + domain));
        textSeed = BinaryPrimitives.ReadInt64LittleEndian(seeds);
        otherSeed = BinaryPrimitives.ReadInt64LittleEndian(seeds.AsSpan(8));
    }

    public ulong Compute(object value)
    {
        switch (value)
        {
            case string text:
                return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()), textSeed);
            case byte[] bytes:
                // Serialized as themselves, so hashed as they are, whatever their length.
                return XxHash3.HashToUInt64(bytes, otherSeed);
            default:
                Span<byte> buffer = stackalloc byte[ScalarSize];
                return XxHash3.HashToUInt64(buffer[..KeyedHash.Serialize(value, buffer)], otherSeed);
        }
    }
}
