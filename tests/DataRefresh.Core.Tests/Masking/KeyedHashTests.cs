using System.Buffers.Binary;
using DataRefresh.Core.Masking;

namespace DataRefresh.Core.Tests.Masking;

public sealed class KeyedHashTests
{
    // The reference key of the SipHash paper: bytes 00..0f.
    private static readonly SipHash Reference = new(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL);

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)] // vectors_sip64[0] of the reference implementation
    [InlineData(15, 0xa129ca6149be45e5UL)] // the worked example of the paper (message 00..0e)
    [InlineData(8, 0x93f5f5799a932462UL)] // vectors_sip64[8]: exactly one whole word
    public void SipHash_matches_the_reference_vectors(int length, ulong expected)
    {
        var message = Enumerable.Range(0, length).Select(index => (byte)index).ToArray();

        Assert.Equal(expected, Reference.Compute(message));
    }

    [Fact]
    public void The_keyed_hash_depends_on_key_domain_and_value_and_nothing_else()
    {
        var key = MaskingKey.FromSecret("test-key-0123456789abcdef");
        var hash = new KeyedHash(key, "customers.email");

        Assert.Equal(hash.Compute64("a@example.com"), new KeyedHash(key, "customers.email").Compute64("a@example.com"));
        Assert.NotEqual(hash.Compute64("a@example.com"), hash.Compute64("b@example.com"));
        Assert.NotEqual(hash.Compute64("a@example.com"), new KeyedHash(key, "orders.email").Compute64("a@example.com"));
        Assert.NotEqual(hash.Compute64("a@example.com"), new KeyedHash(MaskingKey.FromSecret("other-key-0123456789abcdef"), "customers.email").Compute64("a@example.com"));

        // A long value (beyond the stack buffer) hashes like any other.
        var longText = new string('x', 5000);
        Assert.Equal(hash.Compute64(longText), hash.Compute64(new string('x', 5000)));
        Assert.NotEqual(hash.Compute64(longText), hash.Compute64(longText + "y"));

        Span<byte> wide = stackalloc byte[KeyedHash.WideSize];
        hash.Compute128("a@example.com", wide);
        Assert.Equal(hash.Compute64("a@example.com"), BinaryPrimitives.ReadUInt64BigEndian(wide));
        Assert.NotEqual(BinaryPrimitives.ReadUInt64BigEndian(wide), BinaryPrimitives.ReadUInt64BigEndian(wide[8..]));
    }
}
