using System.Buffers;
using System.Buffers.Binary;
using DataRefresh.Core.Masking.Fakes;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// A keyed permutation of digit vectors of one shape (each position has its own radix, at most 256): an alternating
/// Feistel network over the two halves of the vector. Each round adds, position by position and modulo that position's
/// radix, a keyed pseudo-random vector drawn from the other half, the round number and the shape's tweak; subtracting the
/// same vector undoes it, so every round and the whole network is a bijection on the vectors of that shape. A vector of
/// one position has no other half to draw from, so it goes through a keyed shuffle of its radix instead.
/// </summary>
internal sealed class MixedRadixFeistel
{
    /// <summary>Ten rounds: each half is rewritten five times, comfortably above the eight that FF1/FF3 settle on.</summary>
    public const int Rounds = 10;

    private const int StackLimit = 256;
    private const int TweakSize = 8;

    // The round function runs SipHash directly over spans: KeyedHash takes boxed values, which would allocate per round.
    private readonly SipHash prf;

    public MixedRadixFeistel(KeyedHash hash, string purpose) =>
        prf = new SipHash(hash.Compute64(purpose + "/feistel/0"), hash.Compute64(purpose + "/feistel/1"));

    /// <summary>A keyed 64-bit tweak of a shape description, so vectors of different shapes use unrelated permutations.</summary>
    public ulong Tweak(ReadOnlySpan<byte> shape) => prf.Compute(shape);

    public void Encrypt(Span<byte> digits, ReadOnlySpan<byte> radices, ulong tweak)
    {
        if (digits.Length == 1)
        {
            Shuffle(digits, radices[0], tweak, inverse: false);
            return;
        }

        for (var round = 0; round < Rounds; round++)
        {
            ApplyRound(digits, radices, round, tweak, subtract: false);
        }
    }

    public void Decrypt(Span<byte> digits, ReadOnlySpan<byte> radices, ulong tweak)
    {
        if (digits.Length == 1)
        {
            Shuffle(digits, radices[0], tweak, inverse: true);
            return;
        }

        for (var round = Rounds - 1; round >= 0; round--)
        {
            ApplyRound(digits, radices, round, tweak, subtract: true);
        }
    }

    private void ApplyRound(Span<byte> digits, ReadOnlySpan<byte> radices, int round, ulong tweak, bool subtract)
    {
        var half = digits.Length / 2;
        var (sourceRange, targetRange) = round % 2 == 0 ? (0..half, half..) : (half.., 0..half);
        var source = digits[sourceRange];
        var target = digits[targetRange];
        var targetRadices = radices[targetRange];

        var size = TweakSize + 1 + source.Length;
        var rented = size > StackLimit ? ArrayPool<byte>.Shared.Rent(size) : null;
        try
        {
            var input = (rented is null ? stackalloc byte[StackLimit] : rented)[..size];
            BinaryPrimitives.WriteUInt64LittleEndian(input, tweak);
            input[TweakSize] = (byte)round;
            source.CopyTo(input[(TweakSize + 1)..]);
            var draws = new KeyedDraws(prf.Compute(input));
            for (var index = 0; index < target.Length; index++)
            {
                var radix = targetRadices[index];
                var offset = draws.Below(radix);
                target[index] = (byte)(subtract ? (target[index] - offset + radix) % radix : (target[index] + offset) % radix);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A keyed Fisher–Yates shuffle of [0, radix): a full random permutation, where a shift would keep differences.</summary>
    private void Shuffle(Span<byte> digits, byte radix, ulong tweak, bool inverse)
    {
        Span<byte> input = stackalloc byte[TweakSize + 1];
        BinaryPrimitives.WriteUInt64LittleEndian(input, tweak);
        input[TweakSize] = byte.MaxValue; // never a round number, so the shuffle's seed is not any round's
        var draws = new KeyedDraws(prf.Compute(input));
        Span<byte> permutation = stackalloc byte[radix];
        for (var index = 0; index < radix; index++)
        {
            permutation[index] = (byte)index;
        }

        for (var index = radix - 1; index > 0; index--)
        {
            var other = draws.Below(index + 1);
            (permutation[index], permutation[other]) = (permutation[other], permutation[index]);
        }

        digits[0] = inverse ? (byte)permutation.IndexOf(digits[0]) : permutation[digits[0]];
    }
}
