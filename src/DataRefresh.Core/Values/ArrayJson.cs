using System.Globalization;
using System.Text.Json;

namespace DataRefresh.Core.Values;

/// <summary>
/// An array value (<see cref="Schema.ColumnCategory.Array"/>) as JSON text, for the engines that have no arrays (SQLite,
/// SQL Server), so both write one form: numbers, booleans, strings and nulls as JSON's own; binary as base64; dates as
/// <c>yyyy-MM-dd</c>; timestamps as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, with <c>+00:00</c> when they are UTC instants;
/// uuids in their 36-character form.
/// </summary>
public static class ArrayJson
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Serialize(IEnumerable<object?> elements) => JsonSerializer.Serialize(elements.Select(Element).ToArray());

    private static object? Element(object? value) => value switch
    {
        null => null,
        bool or long or int or double or string or decimal => value,
        short integer => (long)integer,
        byte[] bytes => Convert.ToBase64String(bytes),
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTime time when time.Kind == DateTimeKind.Utc => time.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "+00:00",
        DateTime time => time.ToString(TimestampFormat, CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "+00:00",
        Guid uuid => uuid.ToString("D"),
        Undecodable => throw new InvalidOperationException("An undecodable array element reached the writer; readers must stop or mask before that."),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
