using DataRefresh.Core.Schema;
using DataRefresh.Providers.PostgreSql.Copy;

namespace DataRefresh.Providers.PostgreSql.Schema;

/// <summary>
/// The one table of PostgreSQL storage types (after domains) that DataRefresh reads: each type's category, which decides
/// the masks that fit it, and its binary decoder, which gives the CLR type that category promises (the value contract:
/// text → string, integers → long, numeric and floating point → decimal and double, bool, date → DateOnly, timestamp
/// and timestamptz → DateTime (Unspecified and Utc), uuid → Guid, bytea → byte[], json and jsonb → string). The copy,
/// the column reader and the sampler all decode through it, so they cannot disagree. Types not listed are
/// <see cref="ColumnCategory.Other"/>: copied as they are, and only null and constant may replace them.
/// </summary>
internal static class PostgreSqlTypes
{
    private static readonly Dictionary<string, (ColumnCategory Category, BinaryValueCodec.Decoder Decode)> ByName = new(StringComparer.Ordinal)
    {
        ["text"] = (ColumnCategory.Text, BinaryValueCodec.DecodeText),
        ["varchar"] = (ColumnCategory.Text, BinaryValueCodec.DecodeText),
        ["bpchar"] = (ColumnCategory.Text, BinaryValueCodec.DecodeText),
        ["name"] = (ColumnCategory.Text, BinaryValueCodec.DecodeText),
        ["citext"] = (ColumnCategory.Text, BinaryValueCodec.DecodeText),
        ["int2"] = (ColumnCategory.Integer, BinaryValueCodec.DecodeInt2),
        ["int4"] = (ColumnCategory.Integer, BinaryValueCodec.DecodeInt4),
        ["int8"] = (ColumnCategory.Integer, BinaryValueCodec.DecodeInt8),
        ["numeric"] = (ColumnCategory.Numeric, BinaryValueCodec.DecodeNumeric),
        ["float4"] = (ColumnCategory.Numeric, BinaryValueCodec.DecodeFloat4),
        ["float8"] = (ColumnCategory.Numeric, BinaryValueCodec.DecodeFloat8),
        ["bool"] = (ColumnCategory.Boolean, BinaryValueCodec.DecodeBool),
        ["date"] = (ColumnCategory.Date, BinaryValueCodec.DecodeDate),
        ["timestamp"] = (ColumnCategory.Timestamp, BinaryValueCodec.DecodeTimestamp),
        ["timestamptz"] = (ColumnCategory.TimestampWithTimeZone, BinaryValueCodec.DecodeTimestampUtc),
        ["uuid"] = (ColumnCategory.Uuid, BinaryValueCodec.DecodeUuid),
        ["json"] = (ColumnCategory.Json, BinaryValueCodec.DecodeText),
        ["jsonb"] = (ColumnCategory.Json, BinaryValueCodec.DecodeJsonb),
        ["bytea"] = (ColumnCategory.Binary, BinaryValueCodec.DecodeBytes),
    };

    public static ColumnCategory Of(string baseType) => ByName.TryGetValue(baseType, out var entry) ? entry.Category : ColumnCategory.Other;

    /// <summary>The binary decoder of a storage type, or null when values of it are not decoded (category Other).</summary>
    public static BinaryValueCodec.Decoder? DecoderOf(string baseType) => ByName.TryGetValue(baseType, out var entry) ? entry.Decode : null;
}
