using DataRefresh.Core.Masking;
using DataRefresh.Core.Verification.Leakage;

namespace DataRefresh.Core.Tests.Verification;

/// <summary>
/// The adaptive threshold sample behind the "original values" and "distinct values" checks: exact below its capacity,
/// within 4/√(capacity/2) above it (four standard errors of the smallest sample it can hold), and never holding more
/// than its capacity per set.
/// </summary>
public sealed class FingerprintSampleTests
{
    // The fingerprints a run computes (see ValueFingerprint), so the estimates are checked on their real distribution.
    private static readonly ValueFingerprint Fingerprint = new(MaskingKey.FromSecret("fingerprint-test-key-0123456789"), "public.table\0column");

    private static ulong Of(long value) => Fingerprint.Compute(value);

    [Fact]
    public void Below_its_capacity_the_counts_are_exact()
    {
        var sample = new FingerprintSample(capacity: 4096);
        for (var value = 0L; value < 3000; value++)
        {
            sample.AddOriginal(Of(value));
            sample.AddOriginal(Of(value));   // repeats count once
        }

        // 2,000 masked values, of which 250 are original values of other rows.
        for (var value = 2750L; value < 4750; value++)
        {
            sample.AddMasked(Of(value));
        }

        Assert.True(sample.IsExact);
        Assert.Equal(3000, sample.EstimatedOriginalDistinct);
        Assert.Equal(2000, sample.EstimatedMaskedDistinct);
        Assert.Equal(250, sample.EstimatedSharedDistinct);
        Assert.Equal(0.125, sample.SharedShareOfMasked);
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(FingerprintSample.DefaultCapacity)]
    public void Above_its_capacity_the_estimates_stay_within_the_stated_error_in_bounded_memory(int capacity)
    {
        const long originals = 1_000_000;
        const long masked = 400_000;
        const long shared = 40_000;
        var sample = new FingerprintSample(capacity);
        var mostHeld = 0;
        for (var value = 0L; value < originals; value++)
        {
            sample.AddOriginal(Of(value));
            if (value < masked)
            {
                // Masked values 960,000 … 1,359,999: the first 40,000 are also originals.
                sample.AddMasked(Of(originals - shared + value));
            }

            mostHeld = Math.Max(mostHeld, sample.HeldFingerprints);
        }

        var error = 4 / Math.Sqrt(capacity / 2.0);
        Assert.False(sample.IsExact);
        Assert.InRange(sample.EstimatedOriginalDistinct, originals * (1 - error), originals * (1 + error));
        Assert.InRange(sample.EstimatedMaskedDistinct, masked * (1 - error), masked * (1 + error));
        Assert.InRange(sample.SharedShareOfMasked, 0.1 - 0.1 * 3 * error, 0.1 + 0.1 * 3 * error);
        Assert.True(mostHeld <= (2 * capacity) + 1, $"held {mostHeld} fingerprints with a capacity of {capacity} per set");
    }

    [Fact]
    public void Samples_of_parallel_workers_merge_into_what_one_sample_of_everything_holds()
    {
        var whole = new FingerprintSample(capacity: 1024);
        var workers = Enumerable.Range(0, 4).Select(_ => new FingerprintSample(capacity: 1024)).ToArray();
        for (var value = 0L; value < 50_000; value++)
        {
            // Uneven shares: one worker sees most rows, as the slices of a skewed table would.
            var worker = workers[value % 10 < 7 ? 0 : 1 + (int)(value % 3)];
            worker.AddOriginal(Of(value));
            worker.AddMasked(Of(value + 45_000));
            whole.AddOriginal(Of(value));
            whole.AddMasked(Of(value + 45_000));
        }

        var merged = new FingerprintSample(capacity: 1024);
        foreach (var worker in workers)
        {
            merged.Merge(worker);
        }

        Assert.Equal(whole.Level, merged.Level);
        Assert.Equal(whole.EstimatedOriginalDistinct, merged.EstimatedOriginalDistinct);
        Assert.Equal(whole.EstimatedMaskedDistinct, merged.EstimatedMaskedDistinct);
        Assert.Equal(whole.EstimatedSharedDistinct, merged.EstimatedSharedDistinct);
        Assert.InRange(merged.SharedShareOfMasked, 0.05, 0.15);
    }
}
