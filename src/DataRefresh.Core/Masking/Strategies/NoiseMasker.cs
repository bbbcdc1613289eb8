using DataRefresh.Core.Masking.Fakes;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: noise</c>: moves a number up or down by a keyed share of itself between a tenth of <c>percent</c> and
/// <c>percent</c>, so sums and distributions stay roughly true while no value survives by chance. Keyed by the value, so
/// equal values move alike in every run. Integers are rounded and stay within the column's width; decimals keep their
/// number of decimals (at most the column's scale) and stay within numeric(p,s); doubles are moved as they are.
/// A number is never moved by less than one unit of its last digit when that unit is within the percentage (rounding
/// would otherwise hand the input back); when no other value lies within ±percent of the input and the column's bounds
/// — zero, or 3 with 10 % — it is returned unchanged, since anything else would break the promised bound.
/// NaN and infinities pass through.
/// </summary>
public sealed class NoiseMasker : ColumnMasker
{
    private readonly KeyedHash hash;
    private readonly decimal fraction;
    private readonly decimal integerMin;
    private readonly decimal integerMax;
    private readonly decimal numericMax;
    private readonly int? columnScale;

    public NoiseMasker(KeyedHash hash, double percent, ColumnInfo column)
    {
        if (!double.IsFinite(percent) || percent <= 0 || percent > 100)
        {
            throw new ArgumentException("noise needs a percentage above 0 and at most 100.", nameof(percent));
        }

        if (column.Category is not (ColumnCategory.Integer or ColumnCategory.Numeric))
        {
            throw new ArgumentException("noise fits integer and numeric columns only.", nameof(column));
        }

        this.hash = hash;
        fraction = (decimal)percent / 100m;
        var bits = IntegerDigits.WidthOf(column);
        integerMax = (decimal)((1UL << (bits - 1)) - 1);
        integerMin = -integerMax - 1;
        numericMax = decimal.MaxValue;
        if (column.Category == ColumnCategory.Numeric && column.Scale is { } scale and >= 0 and <= 28)
        {
            columnScale = scale;

            // numeric(p,s) holds p - s digits before the point; past 28 a decimal cannot reach the limit anyway. Negative
            // scales (PostgreSQL 15) are left to the server's own rounding.
            if (column.Precision is { } precision && precision - scale is >= 0 and <= 28)
            {
                numericMax = Pow10(precision - scale) - Unit(scale);
            }
        }
    }

    public override object? Mask(object? value) => value switch
    {
        null => null,
        long number => (long)Noise(number, 0, integerMin, integerMax, hash.Compute64(number)),
        decimal number => Noise(number, Math.Min(number.Scale, columnScale ?? int.MaxValue), -numericMax, numericMax, hash.Compute64(number)),
        double number => NoiseDouble(number),
        _ => throw new InvalidOperationException($"noise received a {value.GetType().Name}; the planner admits integer and numeric columns only."),
    };

    private decimal Noise(decimal value, int scale, decimal min, decimal max, ulong seed)
    {
        var (share, upwards) = Draw(seed);
        var unit = Unit(scale);
        var magnitude = Math.Abs(value);
        var mayMoveOneUnit = magnitude * fraction >= unit;

        // The drawn direction first; where it is blocked (the column's bound, or decimal's own range), the other one.
        foreach (var direction in upwards ? (ReadOnlySpan<int>)[1, -1] : [-1, 1])
        {
            decimal candidate;
            try
            {
                candidate = Math.Round(value + (direction * magnitude * share), scale, MidpointRounding.AwayFromZero);
                if (candidate == value && mayMoveOneUnit)
                {
                    candidate = value + (direction * unit);
                }
            }
            catch (OverflowException)
            {
                continue;
            }

            candidate = Math.Clamp(candidate, min, max);
            if (candidate != value)
            {
                return WithScale(candidate, scale);
            }
        }

        return value;
    }

    private double NoiseDouble(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return value;
        }

        var (share, upwards) = Draw(hash.Compute64(value));
        return value * (1 + ((upwards ? 1 : -1) * (double)share));
    }

    /// <summary>A keyed share in [percent / 10, percent] and a direction.</summary>
    private (decimal Share, bool Upwards) Draw(ulong seed)
    {
        var draws = new KeyedDraws(seed);
        var uniform = (decimal)(draws.Next() >> 11) / (1UL << 53);
        return (fraction * (0.1m + (0.9m * uniform)), (draws.Next() & 1) == 0);
    }

    private static decimal WithScale(decimal value, int scale)
    {
        var rounded = Math.Round(value, scale, MidpointRounding.AwayFromZero);

        // Multiplying by 1.00… adds its scale, which pads trailing zeros back: 12.5 stays 12.50 in a numeric(10,2).
        return rounded.Scale < scale ? rounded * One(scale - rounded.Scale) : rounded;
    }

    /// <summary>1 written with <paramref name="scale"/> decimals (1.00 for 2).</summary>
    private static decimal One(int scale)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(Pow10(scale), parts);
        return new decimal(parts[0], parts[1], parts[2], false, (byte)scale);
    }

    private static decimal Unit(int scale) => new(1, 0, 0, false, (byte)scale);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var index = 0; index < exponent; index++)
        {
            result *= 10;
        }

        return result;
    }
}
