namespace DataRefresh.Core.Masking.Strategies;

/// <summary>
/// <c>mask: generalize-date</c>: a date becomes the first day of its month or year; a timestamp becomes midnight of that
/// day with its kind kept. Not keyed: the coarser value is the point, and it is the same in every run and under every key.
/// </summary>
public sealed class GeneralizeDateMasker : ColumnMasker
{
    private readonly DateGranularity granularity;

    public GeneralizeDateMasker(DateGranularity to)
    {
        if (!Enum.IsDefined(to))
        {
            throw new ArgumentException("generalize-date generalizes to a month or a year.", nameof(to));
        }

        granularity = to;
    }

    public override object? Mask(object? value) => value switch
    {
        null => null,
        DateOnly date => new DateOnly(date.Year, Month(date.Month), 1),
        DateTime time => new DateTime(time.Year, Month(time.Month), 1, 0, 0, 0, time.Kind),
        _ => throw new InvalidOperationException($"generalize-date received a {value.GetType().Name}; the planner admits dates and timestamps only."),
    };

    private int Month(int month) => granularity == DateGranularity.Month ? month : 1;
}
