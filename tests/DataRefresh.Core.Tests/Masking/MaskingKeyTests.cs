using DataRefresh.Core.Masking;

namespace DataRefresh.Core.Tests.Masking;

public sealed class MaskingKeyTests
{
    [Fact]
    public void The_fingerprint_identifies_the_key_without_containing_it()
    {
        const string secret = "fingerprint-secret-0123456789";
        var key = MaskingKey.FromSecret(secret);

        Assert.Equal(key.Fingerprint, MaskingKey.FromSecret(secret).Fingerprint);
        Assert.NotEqual(key.Fingerprint, MaskingKey.FromSecret(secret + "x").Fingerprint);
        Assert.Matches("^[0-9a-f]{16}$", key.Fingerprint);
        Assert.DoesNotContain(secret, key.ToString(), StringComparison.Ordinal);

        // Not a plain hash of the secret or of the derived key: without the key, nobody can compute it.
        var derived = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));
        Assert.DoesNotContain(key.Fingerprint, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(derived)), StringComparison.Ordinal);
        Assert.DoesNotContain(key.Fingerprint, Convert.ToHexStringLower(derived), StringComparison.Ordinal);
    }
}
