namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// A set of 64-bit fingerprints in one flat array (open addressing, linear probing, at most three quarters full): 8 bytes
/// per slot and no per-entry objects, where a HashSet needs about 20 bytes per entry and an allocation on every resize of
/// its buckets. Fingerprints are uniformly random, so their top bits serve as the slot number directly; the low bits are
/// the ones <see cref="FingerprintSample"/> samples by, and slots taken from them would all collide. 0 marks an empty
/// slot, so the fingerprint 0 (once in 2^64) is stored as 1.
/// </summary>
internal sealed class FingerprintSet
{
    private ulong[] slots = new ulong[64];
    private int shift = 64 - 6;

    public int Count { get; private set; }

    public IEnumerable<ulong> Items => slots.Where(slot => slot != 0);

    public bool Add(ulong fingerprint)
    {
        fingerprint = fingerprint == 0 ? 1 : fingerprint;
        if ((Count + 1) * 4L > slots.Length * 3L)
        {
            Rebuild(slots.Length * 2, keepMask: 0);
        }

        var last = slots.Length - 1;
        for (var slot = (int)(fingerprint >> shift); ; slot = (slot + 1) & last)
        {
            var held = slots[slot];
            if (held == fingerprint)
            {
                return false;
            }

            if (held == 0)
            {
                slots[slot] = fingerprint;
                Count++;
                return true;
            }
        }
    }

    public bool Contains(ulong fingerprint)
    {
        fingerprint = fingerprint == 0 ? 1 : fingerprint;
        var last = slots.Length - 1;
        for (var slot = (int)(fingerprint >> shift); ; slot = (slot + 1) & last)
        {
            var held = slots[slot];
            if (held == fingerprint)
            {
                return true;
            }

            if (held == 0)
            {
                return false;
            }
        }
    }

    /// <summary>Keeps only fingerprints whose bits under <paramref name="keepMask"/> are all zero.</summary>
    public void KeepOnly(ulong keepMask) => Rebuild(slots.Length, keepMask);

    private void Rebuild(int size, ulong keepMask)
    {
        var old = slots;
        slots = new ulong[size];
        shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        Count = 0;
        foreach (var fingerprint in old)
        {
            if (fingerprint != 0 && (fingerprint & keepMask) == 0)
            {
                Add(fingerprint);
            }
        }
    }
}
