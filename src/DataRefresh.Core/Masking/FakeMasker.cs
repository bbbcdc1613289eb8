using System.Globalization;
using Bogus;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: fake</c>: a Bogus dataset value chosen by the keyed hash of the input, so the same input gives the same fake
/// in every run while another key gives another. Holds its own dataset instance: one per worker.
/// </summary>
public sealed class FakeMasker : ColumnMasker
{
    // Columns like first names repeat the same few thousand inputs; generating a fake costs far more than a lookup.
    // The output is a function of the input, so remembering it changes nothing but speed. Bounded: cleared when full.
    private const int RememberedValues = 65_536;

    private readonly Dictionary<object, object?> remembered = [];
    private readonly KeyedHash hash;
    private readonly ColumnCategory target;
    private readonly int? maxLength;
    private readonly DataSet dataset;
    private readonly Func<object?> generate;

    public FakeMasker(KeyedHash hash, string fakerPath, string locale, ColumnCategory target, int? maxLength)
    {
        this.hash = hash;
        this.target = target;
        this.maxLength = maxLength;
        (dataset, generate) = FakerCatalog.Create(fakerPath, locale);
    }

    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (remembered.TryGetValue(value, out var known))
        {
            return known;
        }

        if (remembered.Count >= RememberedValues)
        {
            remembered.Clear();
        }

        var masked = Generate(value);
        remembered[value] = masked;
        return masked;
    }

    private object? Generate(object value)
    {
        // Reseeding per value is what makes the choice a function of the input. Bogus flows the new randomizer
        // to the datasets this one uses inside (Internet uses Name), so composite values are deterministic too.
        dataset.Random = new Randomizer(hash.ComputeSeed(value));
        var generated = generate();
        return target switch
        {
            ColumnCategory.Date => DateOnly.FromDateTime(AsDateTime(generated)),
            ColumnCategory.Timestamp => DateTime.SpecifyKind(AsDateTime(generated), DateTimeKind.Unspecified),
            ColumnCategory.TimestampWithTimeZone => DateTime.SpecifyKind(AsDateTime(generated).ToUniversalTime(), DateTimeKind.Utc),
            ColumnCategory.Integer => Convert.ToInt64(generated, CultureInfo.InvariantCulture),
            _ => TextFit.Truncate(Convert.ToString(generated, CultureInfo.InvariantCulture) ?? "", maxLength),
        };
    }

    private static DateTime AsDateTime(object? generated) => generated switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime time => time,
        _ => throw new InvalidOperationException("The planner admits only date-producing fakers for date columns."),
    };
}
