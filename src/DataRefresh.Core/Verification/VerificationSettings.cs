using DataRefresh.Core.Verification.Leakage;

namespace DataRefresh.Core.Verification;

/// <summary>
/// Thresholds of the leakage checks (the job file's <c>verify:</c> key). The defaults are set to catch real leaks — a
/// regex that never matched, <c>partial</c> keeping everything, noise on tiny integers, a hash cut to a character — and
/// not chance: a fake first name equals the original about once in a thousand rows, and a shifted birth date often lands
/// on another person's birth date.
/// </summary>
public sealed record VerificationSettings
{
    public static VerificationSettings Default { get; } = new();

    /// <summary>Whether unchanged or original values stop the cut-over or only warn.</summary>
    public LeakagePolicy Leakage { get; init; } = LeakagePolicy.Fail;

    /// <summary>Unchanged values fail above this share of a column's non-null rows…</summary>
    public double MaxUnchangedShare { get; init; } = 0.01;

    /// <summary>Unchanged rows or original values below this count never fail, so a few chance hits in a small table do not.</summary>
    public long MinLeakCount { get; init; } = 3;

    /// <summary>Original values fail above this share of the distinct masked values…</summary>
    public double MaxOriginalShare { get; init; } = 0.01;

    /// <summary>…and apply only to text, uuid and binary columns at least this distinct in the source (identifier-like).</summary>
    public double IdentifierDistinctShare { get; init; } = 0.9;

    /// <summary>Original values and collapse are judged only for columns with at least this many distinct source values.</summary>
    public long MinDistinct { get; init; } = 100;

    /// <summary>A column whose masked values have fewer than this share of its source's distinct values has collapsed (a warning).</summary>
    public double CollapseMaxShare { get; init; } = 0.1;

    /// <summary>Fingerprints kept per column and set and worker; bounds memory (8 bytes each plus the set's overhead).</summary>
    public int SampleCapacity { get; init; } = FingerprintSample.DefaultCapacity;
}
