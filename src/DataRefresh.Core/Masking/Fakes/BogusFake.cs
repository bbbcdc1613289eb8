using Bogus;

namespace DataRefresh.Core.Masking.Fakes;

/// <summary>
/// Any Bogus method, run by Bogus, with every random draw taken from a keyed stream reset per value. One instance per
/// worker: it owns its dataset and randomizer. Slower than <see cref="FakeTemplate"/> (Bogus takes a process-wide lock
/// on every draw) but reaches every dataset method.
/// </summary>
public sealed class BogusFake
{
    private readonly KeyedRandom random = new();
    private readonly Func<object?> generate;

    public BogusFake(string path, string locale)
    {
        (var dataset, generate) = FakerCatalog.Create(path, locale);

        // Set once: Bogus hands this randomizer to the datasets this one uses inside (Internet uses Name).
        dataset.Random = new KeyedRandomizer(random);
    }

    public object? Generate(ulong keyedSeed)
    {
        random.Reset(keyedSeed);
        return generate();
    }

    private sealed class KeyedRandomizer : Randomizer
    {
        public KeyedRandomizer(Random random) => localSeed = random;
    }

    /// <summary>A <see cref="Random"/> whose sequence restarts from a keyed seed, without allocating a new generator per value.</summary>
    private sealed class KeyedRandom : Random
    {
        private KeyedDraws draws;

        public void Reset(ulong seed) => draws = new KeyedDraws(seed);

        protected override double Sample() => (draws.Next() >> 11) * (1.0 / (1UL << 53));

        public override int Next() => (int)(draws.Next() >> 33);

        public override int Next(int maxValue) => maxValue <= 0 ? 0 : draws.Below(maxValue);

        public override int Next(int minValue, int maxValue) => minValue >= maxValue ? minValue : (int)(minValue + NextInt64(maxValue - (long)minValue));

        public override long NextInt64() => (long)(draws.Next() >> 1);

        public override long NextInt64(long maxValue) => maxValue <= 0 ? 0 : (long)(draws.Next() % (ulong)maxValue);

        public override long NextInt64(long minValue, long maxValue) =>
            minValue >= maxValue ? minValue : minValue + (long)(draws.Next() % (ulong)(maxValue - minValue));

        public override double NextDouble() => Sample();

        public override float NextSingle() => (draws.Next() >> 40) * (1.0f / (1U << 24));

        public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

        public override void NextBytes(Span<byte> buffer)
        {
            for (var index = 0; index < buffer.Length; index++)
            {
                buffer[index] = (byte)draws.Next();
            }
        }
    }
}
