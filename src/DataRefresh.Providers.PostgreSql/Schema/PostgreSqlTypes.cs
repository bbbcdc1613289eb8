using System.Globalization;
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

    public static bool IsFloatingPoint(string baseType) => baseType is "float4" or "float8";

    /// <summary>
    /// The storage type a column described by another engine becomes here (its declaration and the name in this table),
    /// or null for a category with no PostgreSQL counterpart chosen yet (<see cref="ColumnCategory.Other"/>). Integers
    /// keep their width, numbers their precision and scale, text its length limit; json becomes jsonb; an enumerated column
    /// becomes text (and <see cref="Ddl.NeutralSchemaDdl"/> keeps it to its labels with a check).
    /// </summary>
    public static (string Declaration, string StorageType)? ForNeutral(ColumnInfo column) => column.Category switch
    {
        ColumnCategory.Text when column.MaxLength is > 0 and <= 10_485_760 => (string.Create(CultureInfo.InvariantCulture, $"varchar({column.MaxLength})"), "varchar"),
        ColumnCategory.Text => ("text", "text"),
        ColumnCategory.Integer when column.Precision is <= 16 => ("smallint", "int2"),
        ColumnCategory.Integer when column.Precision is <= 32 => ("integer", "int4"),
        ColumnCategory.Integer => ("bigint", "int8"),
        ColumnCategory.Numeric when column.FloatingPoint => ("double precision", "float8"),
        ColumnCategory.Numeric when column is { Precision: > 0 and <= 1000, Scale: >= 0 } && column.Scale <= column.Precision =>
            (string.Create(CultureInfo.InvariantCulture, $"numeric({column.Precision}, {column.Scale})"), "numeric"),
        ColumnCategory.Numeric => ("numeric", "numeric"),
        ColumnCategory.Boolean => ("boolean", "bool"),
        ColumnCategory.Date => ("date", "date"),
        ColumnCategory.Timestamp => ("timestamp", "timestamp"),
        ColumnCategory.TimestampWithTimeZone => ("timestamptz", "timestamptz"),
        ColumnCategory.Uuid => ("uuid", "uuid"),
        ColumnCategory.Json => ("jsonb", "jsonb"),
        ColumnCategory.Binary => ("bytea", "bytea"),
        ColumnCategory.Other when column.Labels is not null => ("text", "text"),
        ColumnCategory.Array when column.Element is { Category: not ColumnCategory.Array } element && ForNeutral(element) is { } inner => (inner.Declaration + "[]", "_" + inner.StorageType),
        _ => null,
    };
}
