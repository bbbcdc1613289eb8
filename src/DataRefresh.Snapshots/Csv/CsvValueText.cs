using System.Globalization;
using System.Text.Json;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Snapshots.Csv;

/// <summary>
/// The text of a value in a snapshot's CSV, by its column's category, and back. NULL is <c>\N</c> (as MySQL and
/// PostgreSQL write it), so it differs from an empty string; a text that starts with a backslash gets one more, so no text
/// reads as NULL. Numbers, dates and timestamps are invariant ISO 8601 (a zone's timestamp in UTC with <c>Z</c>), binary
/// is <c>\x</c> and hex, arrays a JSON list of their elements' texts. Parsing is the exact inverse.
/// </summary>
internal static class CsvValueText
{
    public const string Null = @"\N";

    public static string Format(object? value, ColumnInfo column) => value switch
    {
        null => Null,
        Undecodable => throw new InvalidOperationException("An undecodable value has no text; the copy refused it before the snapshot was written."),
        string text => text.StartsWith('\\') ? "\\" + text : text,
        long number => number.ToString(CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString(column.Category == ColumnCategory.TimestampWithTimeZone ? "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        byte[] bytes => @"\x" + Convert.ToHexStringLower(bytes),
        object?[] elements => JsonSerializer.Serialize(elements.Select(element => element is null ? null : Format(element, column.Element!)).ToArray()),
        _ => throw new InvalidOperationException($"A value of type {value.GetType().Name} is outside the value contract."),
    };

    /// <summary>The value of a field, or null when the field is not a valid text for the column (the caller names the place).</summary>
    public static bool TryParse(string text, ColumnInfo column, out object? value)
    {
        value = null;
        if (text == Null)
        {
            return true;
        }

        var invariant = CultureInfo.InvariantCulture;
        switch (column.Category)
        {
            case ColumnCategory.Text or ColumnCategory.Json or ColumnCategory.Other:
                value = text.StartsWith('\\') ? (text.StartsWith(@"\\", StringComparison.Ordinal) ? text[1..] : null) : text;
                return value is not null;
            case ColumnCategory.Integer when long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var number):
                value = number;
                return true;
            case ColumnCategory.Numeric when column.FloatingPoint && double.TryParse(text, NumberStyles.Float, invariant, out var real):
                value = real;
                return true;
            case ColumnCategory.Numeric when !column.FloatingPoint && decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, invariant, out var exact):
                value = exact;
                return true;
            case ColumnCategory.Boolean when text is "true" or "false":
                value = text == "true";
                return true;
            case ColumnCategory.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date):
                value = date;
                return true;
            case ColumnCategory.Timestamp when !text.EndsWith('Z') && DateTime.TryParse(text, invariant, DateTimeStyles.None, out var local):
                value = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
                return true;
            case ColumnCategory.TimestampWithTimeZone when text.EndsWith('Z') && DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc):
                value = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
                return true;
            case ColumnCategory.Uuid when Guid.TryParseExact(text, "D", out var id):
                value = id;
                return true;
            case ColumnCategory.Binary when text.StartsWith(@"\x", StringComparison.Ordinal):
                try
                {
                    value = Convert.FromHexString(text.AsSpan(2));
                    return true;
                }
                catch (FormatException)
                {
                    return false;
                }

            case ColumnCategory.Array when column.Element is { } element:
                return TryParseArray(text, element, out value);
            default:
                return false;
        }
    }

    private static bool TryParseArray(string text, ColumnInfo element, out object? value)
    {
        value = null;
        string?[]? texts;
        try
        {
            texts = JsonSerializer.Deserialize<string?[]>(text);
        }
        catch (JsonException)
        {
            return false;
        }

        if (texts is null)
        {
            return false;
        }

        var elements = new object?[texts.Length];
        for (var index = 0; index < texts.Length; index++)
        {
            if (texts[index] is { } item && (!TryParse(item, element, out elements[index]) || elements[index] is null))
            {
                return false;
            }
        }

        value = elements;
        return true;
    }
}
