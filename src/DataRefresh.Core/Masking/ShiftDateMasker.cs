namespace DataRefresh.Core.Masking;

/// <summary>
/// <c>mask: shift-date</c>: moves a date or timestamp by a keyed number of days between 1 and <c>days</c>, forwards or
/// backwards (never 0, so no value survives). The same input always moves by the same amount.
/// </summary>
public sealed class ShiftDateMasker(KeyedHash hash, int days) : ColumnMasker
{
    public override object? Mask(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var bits = hash.Compute64(value);
        var magnitude = 1 + (int)((bits >> 1) % (ulong)days);
        var offset = (bits & 1) == 0 ? magnitude : -magnitude;
        return value switch
        {
            DateOnly date => date.AddDays(offset),
            DateTime time => DateTime.SpecifyKind(time.AddDays(offset), time.Kind),
            _ => throw new InvalidOperationException($"shift-date received a {value.GetType().Name}; the planner admits dates and timestamps only."),
        };
    }
}
