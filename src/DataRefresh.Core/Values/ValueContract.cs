using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Values;

/// <summary>
/// The value contract between readers, masks and writers: for each column category, the CLR type a reader yields and a
/// writer accepts. NULL is null. A non-null value outside the range of that type (numeric NaN, ±Infinity or more than
/// 28 significant digits; dates and timestamps at ±infinity or beyond the year 9999) is <see cref="Undecodable.Value"/>,
/// never a lossy or wrong value, so no mask ever reads one and no original passes through a replaced cell. Types masks
/// cannot read (<see cref="ColumnCategory.Other"/>) are carried as the engine's text form where they are sampled.
/// </summary>
public static class ValueContract
{
    /// <summary>The CLR types a value of <paramref name="category"/> may have (numbers: decimal for exact numerics, double for floating point).</summary>
    public static IReadOnlyList<Type> ClrTypes(ColumnCategory category) => category switch
    {
        ColumnCategory.Text or ColumnCategory.Json or ColumnCategory.Other => [typeof(string)],
        ColumnCategory.Integer => [typeof(long)],
        ColumnCategory.Numeric => [typeof(decimal), typeof(double)],
        ColumnCategory.Boolean => [typeof(bool)],
        ColumnCategory.Date => [typeof(DateOnly)],
        ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone => [typeof(DateTime)],
        ColumnCategory.Uuid => [typeof(Guid)],
        ColumnCategory.Binary => [typeof(byte[])],
        ColumnCategory.Array => [typeof(object[])],
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Every category has a CLR type."),
    };

    /// <summary>
    /// Whether <paramref name="value"/> keeps the contract for <paramref name="column"/>: null, <see cref="Undecodable.Value"/>,
    /// or one of its category's types — timestamps without zone as <see cref="DateTimeKind.Unspecified"/>, with zone as
    /// <see cref="DateTimeKind.Utc"/>, and arrays element by element.
    /// </summary>
    public static bool Holds(ColumnInfo column, object? value) => value switch
    {
        null or Undecodable => true,
        DateTime time when column.Category == ColumnCategory.Timestamp => time.Kind == DateTimeKind.Unspecified,
        DateTime time when column.Category == ColumnCategory.TimestampWithTimeZone => time.Kind == DateTimeKind.Utc,
        object?[] elements when column.Category == ColumnCategory.Array => column.Element is { } element && elements.All(item => item is not Undecodable && Holds(element, item)),
        _ => ClrTypes(column.Category).Contains(value.GetType()),
    };
}
