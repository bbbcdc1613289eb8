namespace DataRefresh.Core.Masking;

/// <summary>The version of what the masks output, recorded in every audit record beside the key's fingerprint.</summary>
public static class MaskCatalog
{
    /// <summary>
    /// Bumped whenever any mask's output for the same input, rule and key changes, so a reviewer can tell whether two
    /// copies were masked alike. 1: the masks of issues 2–12. 2: fake e-mail addresses at reserved example domains.
    /// 3: <c>hash</c> fits every kind whose values are read, so a hashed number inside json stays a number.
    /// </summary>
    public const int Version = 3;
}
