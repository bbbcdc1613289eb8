using System.Globalization;
using System.Text.Json;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>
/// SQLite values to the value contract and back. SQLite stores each value with its own storage class (INTEGER, REAL,
/// TEXT, BLOB), whatever the column's declared type says, so decoding checks both: a value whose storage class or text
/// does not fit its column's category (text in an INTEGER column, a date that does not parse, a decimal beyond .NET's
/// range) is <see cref="Undecodable.Value"/> — never guessed at, so a mask never reads it and no original slips through.
/// Encoding writes what <see cref="Schema.SqliteTypes"/> documents: ISO 8601 text for dates and times (with zone: UTC,
/// <c>+00:00</c>), 0/1 for booleans, lowercase text for uuids, JSON text for arrays, exact decimals as text.
/// </summary>
internal static class SqliteValueCodec
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"];

    /// <summary>The value as the contract has it for <paramref name="column"/>'s category; null for NULL.</summary>
    public static object? Decode(object? stored, ColumnInfo column)
    {
        if (stored is null or DBNull)
        {
            return null;
        }

        return column.Category switch
        {
            ColumnCategory.Text => stored as string ?? (object)Undecodable.Value,
            ColumnCategory.Json => stored is string json && IsJson(json) ? json : Undecodable.Value,
            ColumnCategory.Integer => stored is long integer ? integer : Undecodable.Value,
            ColumnCategory.Numeric when column.FloatingPoint => stored switch { double real => real, long integer => (double)integer, _ => Undecodable.Value },
            ColumnCategory.Numeric => DecodeDecimal(stored, column.Scale),
            ColumnCategory.Boolean => stored is long flag and (0 or 1) ? flag == 1 : Undecodable.Value,
            ColumnCategory.Date => stored is string text && DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : Undecodable.Value,
            ColumnCategory.Timestamp => stored is string text && HasNoZone(text)
                && DateTime.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified) : Undecodable.Value,
            ColumnCategory.TimestampWithTimeZone => stored is string text && !HasNoZone(text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant.UtcDateTime : Undecodable.Value,
            ColumnCategory.Uuid => stored switch
            {
                string text when text.Length == 36 && Guid.TryParseExact(text, "D", out var uuid) => uuid,
                byte[] { Length: 16 } bytes => new Guid(bytes),
                _ => Undecodable.Value,
            },
            ColumnCategory.Binary => stored as byte[] ?? (object)Undecodable.Value,
            ColumnCategory.Array => stored is string json && column.Element is { } element ? DecodeArray(json, element) : Undecodable.Value,
            _ => Text(stored),
        };
    }

    /// <summary>The value as SQLite stores it in a column of <paramref name="column"/>'s kind; contract values and SQLite's own storage values both.</summary>
    public static object Encode(object? value, ColumnInfo column) => value switch
    {
        null => DBNull.Value,
        long or double or string or byte[] => value,
        int integer => (long)integer,
        short integer => (long)integer,
        bool flag => flag ? 1L : 0L,
        decimal number when column.Category == ColumnCategory.Numeric && column.FloatingPoint => (double)number,
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTime time when time.Kind == DateTimeKind.Utc || column.Category == ColumnCategory.TimestampWithTimeZone =>
            time.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture) + "+00:00",
        DateTime time => time.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "+00:00",
        Guid uuid => uuid.ToString("D"),
        object?[] elements => ArrayJson.Serialize(elements),
        Undecodable => throw new InvalidOperationException("An undecodable value reached the writer; readers must stop or mask before that."),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>The text form of a value of a type masks cannot read, as samples show it.</summary>
    public static string Text(object stored) => stored switch
    {
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(stored, CultureInfo.InvariantCulture) ?? "",
    };

    private static object DecodeDecimal(object stored, int? scale)
    {
        decimal? value = stored switch
        {
            long integer => integer,
            double real when double.IsFinite(real) && Math.Abs(real) < 7.9e28 => (decimal)real,
            string text when decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        if (value is not { } number)
        {
            return Undecodable.Value;
        }

        // A REAL or INTEGER lost the declared scale (12.10 is stored as 12.1): give it back, as the source engine would show it.
        return scale is { } places and >= 0 and <= 28 && stored is not string ? WithScale(number, places) : number;
    }

    private static decimal WithScale(decimal value, int places)
    {
        var rounded = Math.Round(value, places, MidpointRounding.ToEven);
        return places == 0 ? rounded : rounded + new decimal(0, 0, 0, false, (byte)places);
    }

    private static bool HasNoZone(string text) =>
        !text.EndsWith('Z') && !(text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static object DecodeArray(string json, ColumnInfo element)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Undecodable.Value;
            }

            var values = new object?[document.RootElement.GetArrayLength()];
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                object? stored = item.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String when element.Category == ColumnCategory.Binary => Convert.FromBase64String(item.GetString()!),
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.True => 1L,
                    JsonValueKind.False => 0L,
                    JsonValueKind.Number when item.TryGetInt64(out var integer) => integer,
                    JsonValueKind.Number when element.Category == ColumnCategory.Numeric && !element.FloatingPoint => item.GetRawText(),
                    JsonValueKind.Number => item.GetDouble(),
                    _ => item.GetRawText(),
                };
                var decoded = Decode(stored, element);
                if (decoded is Undecodable)
                {
                    return Undecodable.Value;
                }

                values[index++] = decoded;
            }

            return values;
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return Undecodable.Value;
        }
    }
}
