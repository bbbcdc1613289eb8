namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// A short stream of numbers that is a pure function of one keyed hash (SplitMix64 steps from it): every choice a fake
/// needs — which name, which format, which digit — comes from here, so the whole fake is a function of the input.
/// </summary>
public struct KeyedDraws(ulong seed)
{
    private ulong state = seed;

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, count): the high half of a 64-bit product, so no modulo bias worth counting.</summary>
    public int Below(int count) => (int)(((Next() >> 32) * (ulong)count) >> 32);
}
