using DataRefresh.Core.Masking;
using DataRefresh.Core.Verification.Leakage;

namespace DataRefresh.Core.Tests.Verification;

/// <summary>
/// The leakage evidence's fingerprints: equal values match whatever their spelling (1.5 and 1.50), different values,
/// columns and keys do not, and the low bits the sample keeps by are spread evenly.
/// </summary>
public sealed class ValueFingerprintTests
{
    private static readonly MaskingKey Key = MaskingKey.FromSecret("fingerprint-test-key-0123456789");

    [Fact]
    public void Equal_values_have_equal_fingerprints_and_different_values_do_not()
    {
        var fingerprint = new ValueFingerprint(Key, "public.customers\0email");
        Assert.Equal(fingerprint.Compute("anna@example.com"), fingerprint.Compute(string.Concat("anna@", "example.com")));
        Assert.NotEqual(fingerprint.Compute("anna@example.com"), fingerprint.Compute("Anna@example.com"));
        Assert.Equal(fingerprint.Compute(1.5m), fingerprint.Compute(1.50m));
        Assert.NotEqual(fingerprint.Compute(1.5m), fingerprint.Compute(1.51m));
        Assert.Equal(fingerprint.Compute(new DateOnly(1980, 2, 29)), fingerprint.Compute(new DateOnly(1980, 2, 29)));
        Assert.NotEqual(fingerprint.Compute(42L), fingerprint.Compute(43L));

        // Longer than the stack buffer: the rented path hashes the same bytes.
        var document = new byte[10_000];
        document[9_999] = 1;
        Assert.Equal(fingerprint.Compute(document), fingerprint.Compute(document.ToArray()));
        Assert.NotEqual(fingerprint.Compute(document), fingerprint.Compute(new byte[10_000]));
        var text = new string('x', 5_000);
        Assert.Equal(fingerprint.Compute(text), fingerprint.Compute(new string('x', 5_000)));
    }

    [Fact]
    public void The_key_and_the_column_change_every_fingerprint()
    {
        var column = new ValueFingerprint(Key, "public.customers\0email");
        var otherColumn = new ValueFingerprint(Key, "public.customers\0phone");
        var otherKey = new ValueFingerprint(MaskingKey.FromSecret("another-test-key-0123456789"), "public.customers\0email");
        Assert.NotEqual(column.Compute("anna@example.com"), otherColumn.Compute("anna@example.com"));
        Assert.NotEqual(column.Compute("anna@example.com"), otherKey.Compute("anna@example.com"));
        Assert.NotEqual(column.Compute(7L), otherKey.Compute(7L));
    }

    [Fact]
    public void The_low_bits_are_spread_evenly_over_similar_values()
    {
        // The sample keeps a fingerprint while its low bits are zero: over 65,536 e-mails differing in a few characters,
        // each of the 16 values of the low four bits must hold close to 1/16 of them (binomial σ ≈ 62; allow 6σ).
        var fingerprint = new ValueFingerprint(Key, "public.customers\0email");
        var buckets = new int[16];
        for (var row = 0; row < 65_536; row++)
        {
            buckets[fingerprint.Compute($"person{row}@example.com") & 15]++;
        }

        Assert.All(buckets, count => Assert.InRange(count, 4096 - 372, 4096 + 372));
    }
}
