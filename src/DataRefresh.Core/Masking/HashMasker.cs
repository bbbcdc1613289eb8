namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: hash</c>: 128 keyed bits of the value — 32 hex characters (cut to the column's length), a UUID, or 16 bytes.
/// Equal inputs stay equal, so hashed keys still join, and distinct inputs practically never collide.
/// </summary>
public sealed class HashMasker(KeyedHash hash, int? maxLength) : ColumnMasker
{
    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[KeyedHash.WideSize];
        hash.Compute128(value, digest);
        return value switch
        {
            Guid => new Guid(digest, bigEndian: true),
            byte[] => digest.ToArray(),
            _ => TextFit.Truncate(Convert.ToHexStringLower(digest), maxLength),
        };
    }
}
