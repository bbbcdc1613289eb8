namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: hash</c>: the keyed HMAC of the value — hex text (cut to the column's length), a UUID, or raw bytes.
/// Equal inputs stay equal, so hashed keys still join.
/// </summary>
public sealed class HashMasker(KeyedHash hash, int? maxLength) : ColumnMasker
{
    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[KeyedHash.Size];
        hash.Compute(value, digest);
        return value switch
        {
            Guid => new Guid(digest[..16], bigEndian: true),
            byte[] => digest.ToArray(),
            _ => TextFit.Truncate(Convert.ToHexStringLower(digest), maxLength),
        };
    }
}
