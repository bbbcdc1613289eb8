namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Constants of PostgreSQL's binary COPY format: an 11-byte signature, 32-bit flags and header-extension length, then
/// tuples (16-bit field count, each field a 32-bit length or -1 for NULL, then the bytes), ended by a field count of -1.
/// </summary>
internal static class BinaryCopyFormat
{
    // Spelled as bytes: 0xFF is not valid UTF-8, so a u8 string literal cannot hold it.
    private static readonly byte[] SignatureBytes = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    public static ReadOnlySpan<byte> Signature => SignatureBytes;

    /// <summary>The header we write: signature, no flags, no extension.</summary>
    public static byte[] Header { get; } = [.. SignatureBytes, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>The trailer: a tuple with field count -1.</summary>
    public static byte[] Trailer { get; } = [0xFF, 0xFF];

    public const int FieldLengthSize = 4;
    public const int FieldCountSize = 2;
}
