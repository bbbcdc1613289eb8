using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>Maps PostgreSQL storage types (after domains) to the categories that decide which masks fit.</summary>
internal static class PostgreSqlTypeCategories
{
    private static readonly Dictionary<string, ColumnCategory> ByType = new(StringComparer.Ordinal)
    {
        ["text"] = ColumnCategory.Text,
        ["varchar"] = ColumnCategory.Text,
        ["bpchar"] = ColumnCategory.Text,
        ["name"] = ColumnCategory.Text,
        ["citext"] = ColumnCategory.Text,
        ["int2"] = ColumnCategory.Integer,
        ["int4"] = ColumnCategory.Integer,
        ["int8"] = ColumnCategory.Integer,
        ["numeric"] = ColumnCategory.Numeric,
        ["float4"] = ColumnCategory.Numeric,
        ["float8"] = ColumnCategory.Numeric,
        ["bool"] = ColumnCategory.Boolean,
        ["date"] = ColumnCategory.Date,
        ["timestamp"] = ColumnCategory.Timestamp,
        ["timestamptz"] = ColumnCategory.TimestampWithTimeZone,
        ["uuid"] = ColumnCategory.Uuid,
        ["json"] = ColumnCategory.Json,
        ["jsonb"] = ColumnCategory.Json,
        ["bytea"] = ColumnCategory.Binary,
    };

    public static ColumnCategory Of(string baseType) => ByType.GetValueOrDefault(baseType, ColumnCategory.Other);
}
