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
    Other,
}
