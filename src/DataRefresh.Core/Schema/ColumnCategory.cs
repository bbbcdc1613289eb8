namespace DataRefresh.Core.Schema;

/// <summary>
/// What kind of values a column holds, after domains are resolved to their base type. Decides which masks fit a column.
/// </summary>
public enum ColumnCategory
{
    Text,
    Integer,
    Numeric,
    Boolean,
    Date,
    Timestamp,
    TimestampWithTimeZone,
    Uuid,
    Json,
    Binary,

    /// <summary>An array; <see cref="ColumnInfo.Element"/> says what its elements are. Values are <c>object?[]</c> of the elements, in storage order.</summary>
    Array,
    Other,
}
