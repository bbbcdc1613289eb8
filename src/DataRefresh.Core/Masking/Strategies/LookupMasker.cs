using System.Globalization;
using DataRefresh.Core.Masking.Fakes;
using DataRefresh.Core.Masking.Lookup;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: lookup</c>: a keyed pick from a dictionary of replacement values (a CSV column), cut to the column's length.
/// Redraws for unique columns walk the dictionary in a keyed order that visits every entry once in the first
/// <c>count</c> attempts; after that the same walk repeats with a numeric suffix (the round, 2, 3, …) appended, so the
/// outputs never run out however small the dictionary. The suffix is kept whole when the column is short, and the value
/// before it is cut instead.
/// </summary>
public sealed class LookupMasker : ColumnMasker
{
    private readonly KeyedHash hash;
    private readonly IReadOnlyList<string> values;
    private readonly int? maxLength;

    public LookupMasker(KeyedHash hash, LookupDictionary dictionary, ColumnInfo column)
    {
        if (column.Category != ColumnCategory.Text)
        {
            throw new ArgumentException("lookup fits text columns only.", nameof(column));
        }

        this.hash = hash;
        values = dictionary.Values;
        maxLength = column.MaxLength;
    }

    public override bool CanRedraw => true;

    public override object? Mask(object? value) =>
        value is null ? null : TextFit.Truncate(values[new KeyedDraws(hash.Compute64(value)).Below(values.Count)], maxLength);

    public override object? Redraw(object? value, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (value is null)
        {
            return null;
        }

        // The first draw is Mask's pick; the second a step coprime with the count, so start + k·step visits every
        // index once in count attempts.
        var count = values.Count;
        var draws = new KeyedDraws(hash.Compute64(value));
        var start = draws.Below(count);
        var step = count == 1 ? 1 : 1 + draws.Below(count - 1);
        while (GreatestCommonDivisor(step, count) != 1)
        {
            step = (step % count) + 1;
        }

        var index = (int)((start + ((long)(attempt % count) * step)) % count);
        var round = attempt / count;
        if (round == 0)
        {
            return TextFit.Truncate(values[index], maxLength);
        }

        var suffix = (round + 1).ToString(CultureInfo.InvariantCulture);
        var room = maxLength is { } limit ? Math.Max(0, limit - suffix.Length) : (int?)null;
        var stem = room == 0 ? "" : TextFit.Truncate(values[index], room);
        return TextFit.Truncate(stem + suffix, maxLength);
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
