using System.Security.Cryptography;

namespace DataRefresh.Core.Audit;

/// <summary>A file a run used (a rule file, an after step's SQL) and the SHA-256 of its bytes, so a review can prove which version ran.</summary>
public sealed record AuditFile(string Path, string? Sha256)
{
    /// <summary>The file and its hash; a file that cannot be read any more is recorded without one.</summary>
    public static AuditFile Hash(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return new AuditFile(path, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }
        catch (IOException)
        {
            return new AuditFile(path, null);
        }
        catch (UnauthorizedAccessException)
        {
            return new AuditFile(path, null);
        }
    }
}
