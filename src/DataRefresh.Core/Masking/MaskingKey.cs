using System.Security.Cryptography;
using System.Text;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Masking;

/// <summary>
/// The secret that keys every deterministic mask. Held as derived bytes; <see cref="ToString"/> never shows it.
/// </summary>
public sealed class MaskingKey
{
    public const int MinimumLength = 16;

    private readonly byte[] bytes;

    private MaskingKey(byte[] bytes) => this.bytes = bytes;

    public static MaskingKey FromSecret(string secret)
    {
        if (secret.Trim().Length < MinimumLength)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"The masking key is shorter than {MinimumLength} characters; set {Configuration.DataRefreshSettings.MaskingKeyVariable} to a longer random secret.");
        }

        // Derive rather than use the text directly, so keys of any length give a full-strength 256-bit HMAC key.
        return new MaskingKey(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    internal ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>
    /// Identifies the key in audit records without revealing it: 64 bits of HMAC-SHA256 under the key itself, over a label
    /// of its own (no mask uses that label, so the fingerprint says nothing about any masked value). Two copies masked
    /// under the same key and <see cref="MaskCatalog.Version"/> mask alike.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(HMACSHA256.HashData(bytes, "datarefresh key fingerprint"u8))[..16];

    public override string ToString() => $"masking key {Fingerprint}";
}
