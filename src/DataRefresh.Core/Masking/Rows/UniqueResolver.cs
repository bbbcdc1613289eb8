using System.Buffers.Binary;
using System.Runtime.InteropServices;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// Makes a non-injective mask collision-free on a unique column, deterministically. Before the copy, every input of the
/// column is masked once and the outputs compared by 64-bit fingerprint. Where several inputs share an output, the input
/// with the smallest keyed identity keeps it and the others redraw (attempt 1, 2, …, in identity order) until their
/// output is taken by nobody. The outcome depends only on the set of inputs and the key — not on row order, slicing or
/// parallelism — so every run over the same data masks alike. Memory: 16 bytes per input while resolving; the result
/// keeps only the inputs that redraw.
/// </summary>
public static class UniqueResolver
{
    public const int MaxAttempts = 1000;

    // Not a secret: it only tells outputs apart, and outputs are what the target holds anyway.
    private static readonly KeyedHash OutputFingerprint = new(MaskingKey.FromSecret("datarefresh output fingerprint"), "unique-output");

    /// <param name="readInputs">Streams the column's values; called twice (a second pass fetches only the inputs that redraw).</param>
    /// <param name="what">The column or domain, for the error when the output space is too small.</param>
    public static async Task<UniqueResolution> ResolveAsync(
        ColumnMasker masker, KeyedHash identity, Func<CancellationToken, IAsyncEnumerable<object?>> readInputs, string what, CancellationToken cancellationToken = default)
    {
        if (!masker.CanRedraw)
        {
            throw new InvalidOperationException("Only maskers that can redraw are resolved; the planner checks this.");
        }

        var entries = new List<(ulong Output, ulong Input)>();
        await foreach (var value in readInputs(cancellationToken).WithCancellation(cancellationToken))
        {
            if (value is not null)
            {
                entries.Add((OutputFingerprint.Compute64(masker.Mask(value)!), Identity64(identity, value)));
            }
        }

        var sorted = CollectionsMarshal.AsSpan(entries);
        sorted.Sort();
        var losers = new HashSet<ulong>();
        long distinct = 0;
        for (var at = 0; at < sorted.Length; at++)
        {
            var sameInput = at > 0 && sorted[at] == sorted[at - 1];
            if (sameInput)
            {
                continue;
            }

            distinct++;
            if (at > 0 && sorted[at].Output == sorted[at - 1].Output)
            {
                losers.Add(sorted[at].Input);
            }
        }

        var attempts = new Dictionary<UInt128, int>();
        if (losers.Count > 0)
        {
            var taken = entries.Select(entry => entry.Output).ToHashSet();
            entries.Clear();
            entries.TrimExcess();
            var values = new Dictionary<ulong, object>();
            await foreach (var value in readInputs(cancellationToken).WithCancellation(cancellationToken))
            {
                if (value is not null && losers.Contains(Identity64(identity, value)))
                {
                    values.TryAdd(Identity64(identity, value), value);
                }
            }

            foreach (var (id, value) in values.OrderBy(pair => pair.Key))
            {
                attempts[Identity128(identity, value)] = Redraw(masker, value, taken, what);
            }
        }

        return new UniqueResolution(identity, attempts, distinct);
    }

    private static int Redraw(ColumnMasker masker, object value, HashSet<ulong> taken, string what)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (taken.Add(OutputFingerprint.Compute64(masker.Redraw(value, attempt)!)))
            {
                return attempt;
            }
        }

        throw new DataRefreshException(
            ExitCodes.RulesDoNotMatchSchema,
            $"{what} is unique, but its mask found no unused value in {MaxAttempts} attempts: the mask cannot produce enough distinct values (is the column too short?); use hash or format-preserving. Nothing was copied.");
    }

    // The high half of Identity128: Compute128 writes Compute64's bits first, so one SipHash pass suffices here.
    private static ulong Identity64(KeyedHash identity, object value) => identity.Compute64(value);

    private static UInt128 Identity128(KeyedHash identity, object value)
    {
        Span<byte> id = stackalloc byte[KeyedHash.WideSize];
        identity.Compute128(value, id);
        return BinaryPrimitives.ReadUInt128BigEndian(id);
    }
}
