namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// Two sets of 64-bit keyed fingerprints — a column's original values and its masked values — sampled with one shared,
/// adaptive threshold, so their sizes and their overlap can be estimated in bounded memory without holding a value.
/// A fingerprint is kept while its low <see cref="Level"/> bits are zero (a 2^-level share of all values, chosen by the
/// value itself, so a value is either sampled in both sets or in neither). When a set passes the capacity the level goes up
/// by one, which halves the share and evicts about half of both sets. Below the capacity (level 0) every fingerprint is
/// kept and the counts are exact; above it, a count is the sample's size times 2^level, with a relative standard error of
/// about 1/√(sample size): under 1.2% with the default capacity of 2^14 (the sample holds between half of it and all of it).
/// Memory: at most <see cref="Capacity"/> fingerprints per set, in flat arrays of at most 2 × capacity slots of 8 bytes
/// (256 kB per set, 512 kB per column at the default). One instance per worker; <see cref="Merge"/> combines them.
/// </summary>
public sealed class FingerprintSample
{
    // 2^16 cost bench/run.sh at 100k customers about 35 MB more peak memory for 1 point less of standard error: the
    // checks' thresholds (1%, 10%) do not need it. A job can raise it with verify: sampleCapacity.
    public const int DefaultCapacity = 1 << 14;

    private readonly FingerprintSet originals = new();
    private readonly FingerprintSet masked = new();
    private ulong mask;

    public FingerprintSample(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>How many times the sampled share was halved: 0 while everything is kept.</summary>
    public int Level { get; private set; }

    /// <summary>Every distinct value was kept: the estimates are exact counts.</summary>
    public bool IsExact => Level == 0;

    /// <summary>Fingerprints held right now, over both sets (bounded by twice the capacity).</summary>
    public int HeldFingerprints => originals.Count + masked.Count;

    public double EstimatedOriginalDistinct => Scale(originals.Count);

    public double EstimatedMaskedDistinct => Scale(masked.Count);

    /// <summary>Distinct masked values that are also among the original values.</summary>
    public double EstimatedSharedDistinct => Scale(SharedCount());

    /// <summary>Share of the distinct masked values that are also original values (0 when nothing was masked).</summary>
    public double SharedShareOfMasked => masked.Count == 0 ? 0 : (double)SharedCount() / masked.Count;

    public void AddOriginal(ulong fingerprint)
    {
        if ((fingerprint & mask) == 0 && originals.Add(fingerprint) && originals.Count > Capacity)
        {
            Shrink();
        }
    }

    public void AddMasked(ulong fingerprint)
    {
        if ((fingerprint & mask) == 0 && masked.Add(fingerprint) && masked.Count > Capacity)
        {
            Shrink();
        }
    }

    /// <summary>Adds another worker's sample of the same column: both continue at the coarser of the two levels.</summary>
    public void Merge(FingerprintSample other)
    {
        while (Level < other.Level)
        {
            RaiseLevel();
        }

        foreach (var fingerprint in other.originals.Items)
        {
            AddOriginal(fingerprint);
        }

        foreach (var fingerprint in other.masked.Items)
        {
            AddMasked(fingerprint);
        }
    }

    private void Shrink()
    {
        while (originals.Count > Capacity || masked.Count > Capacity)
        {
            RaiseLevel();
        }
    }

    private void RaiseLevel()
    {
        Level++;
        mask = (mask << 1) | 1;
        originals.KeepOnly(mask);
        masked.KeepOnly(mask);
    }

    private int SharedCount()
    {
        var (small, large) = masked.Count <= originals.Count ? (masked, originals) : (originals, masked);
        return small.Items.Count(large.Contains);
    }

    private double Scale(int count) => Math.ScaleB(count, Level);
}
