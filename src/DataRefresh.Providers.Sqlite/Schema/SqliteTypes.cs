using System.Globalization;
using System.Text.RegularExpressions;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.Sqlite.Schema;

/// <summary>
/// The one type table of the SQLite provider, both ways. A SQLite column has a declared type (any text) and an affinity
/// derived from it; what a column holds is read from the declared type's words, as other tools write them, with SQLite's
/// own affinity rules as the fallback. Columns built from another engine's model get declared types that this table reads
/// back to the same category, and an affinity that stores the values exactly: exact decimals as text (<c>DECIMAL_TEXT</c>:
/// a REAL would round beyond 15 digits and drop the scale, 1.10 becoming 1.1), JSON and arrays as text (<c>JSON_TEXT</c>, which no affinity turns
/// into a number), dates and timestamps as ISO 8601 text, uuids as text, booleans as 0 and 1, an enum's labels as text
/// kept to them by a <c>CHECK (column IN (…))</c>, which reads back as the column's labels.
/// </summary>
internal static partial class SqliteTypes
{
    public const string DecimalText = "DECIMAL_TEXT";
    public const string JsonText = "JSON_TEXT";

    /// <summary>A column as the model describes it, from its declared type.</summary>
    public static ColumnInfo Describe(string name, string declared, bool notNull, bool generated)
    {
        var type = declared.Trim().ToUpperInvariant();
        var (first, second) = Arguments(type);
        var word = BaseWord(type);
        ColumnInfo Column(ColumnCategory category, int? maxLength = null, int? precision = null, int? scale = null, bool floating = false) =>
            new(name, declared, word.Length == 0 ? "ANY" : word, category, maxLength, notNull, generated, precision, scale, FloatingPoint: floating);

        return word switch
        {
            "BOOLEAN" or "BOOL" or "BIT" => Column(ColumnCategory.Boolean),
            "DATE" => Column(ColumnCategory.Date),
            "DATETIME" or "TIMESTAMP" or "DATETIME2" => Column(ColumnCategory.Timestamp),
            "TIMESTAMPTZ" or "DATETIMEOFFSET" => Column(ColumnCategory.TimestampWithTimeZone),
            "UUID" or "GUID" or "UNIQUEIDENTIFIER" => Column(ColumnCategory.Uuid),
            "JSON" or "JSONB" or JsonText => Column(ColumnCategory.Json),
            DecimalText or "DECIMAL" or "NUMERIC" or "MONEY" => Column(ColumnCategory.Numeric, precision: first, scale: second ?? (first is null ? null : 0)),
            "SMALLINT" or "INT2" => Column(ColumnCategory.Integer, precision: 16, scale: 0),
            "INT" or "INT4" or "MEDIUMINT" => Column(ColumnCategory.Integer, precision: 32, scale: 0),
            "TINYINT" => Column(ColumnCategory.Integer, precision: 16, scale: 0),
            _ when type.Contains("INT", StringComparison.Ordinal) => Column(ColumnCategory.Integer, precision: 64, scale: 0),
            _ when type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal)
                => Column(ColumnCategory.Text, maxLength: first),
            _ when type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal) => Column(type.Length == 0 ? ColumnCategory.Other : ColumnCategory.Binary),
            _ when type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal)
                => Column(ColumnCategory.Numeric, floating: true),
            _ => Column(ColumnCategory.Other),
        };
    }

    /// <summary>The declared type a column of another engine gets here, or null for a column of no known kind.</summary>
    public static string? ForNeutral(ColumnInfo column) => column.Category switch
    {
        ColumnCategory.Text => column.MaxLength is { } length ? Invariant($"VARCHAR({length})") : "TEXT",
        ColumnCategory.Integer => column.Precision switch { 16 => "SMALLINT", 32 => "INT", _ => "BIGINT" },
        ColumnCategory.Numeric when column.FloatingPoint => "REAL",
        ColumnCategory.Numeric => column.Precision is { } precision ? Invariant($"{DecimalText}({precision},{column.Scale ?? 0})") : DecimalText,
        ColumnCategory.Boolean => "BOOLEAN",
        ColumnCategory.Date => "DATE",
        ColumnCategory.Timestamp => "TIMESTAMP",
        ColumnCategory.TimestampWithTimeZone => "TIMESTAMPTZ",
        ColumnCategory.Uuid => "UUID",
        ColumnCategory.Json => JsonText,
        // Elements travel as JSON values of their own kind; an array of a kind with no value form has none either.
        ColumnCategory.Array when column.Element is { Category: not (ColumnCategory.Other or ColumnCategory.Array) } => JsonText,
        ColumnCategory.Other when column.Labels is not null => "TEXT",
        ColumnCategory.Binary => "BLOB",
        _ => null,
    };

    /// <summary>
    /// A text column kept to a list of labels by a check in its table's SQL — <c>CHECK ("column" IN ('a', 'b'))</c>, as
    /// this provider writes an enum and as people write one in SQLite — is an enumerated column with those labels.
    /// </summary>
    public static ColumnInfo WithLabels(ColumnInfo column, string tableSql)
    {
        if (column.Category != ColumnCategory.Text)
        {
            return column;
        }

        var name = Regex.Escape(column.Name.Replace("\"", "\"\"", StringComparison.Ordinal));
        var check = Regex.Match(tableSql, $@"CHECK\s*\(\s*(?:""{name}""|{name})\s+IN\s*\(\s*('(?:[^']|'')*'(?:\s*,\s*'(?:[^']|'')*')*)\s*\)\s*\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!check.Success)
        {
            return column;
        }

        var labels = LabelPattern().Matches(check.Groups[1].Value).Select(label => label.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal)).ToList();
        return column with { Category = ColumnCategory.Other, MaxLength = null, Labels = labels };
    }

    private static string BaseWord(string type)
    {
        var end = type.IndexOfAny([' ', '(']);
        return end < 0 ? type : type[..end];
    }

    private static (int? First, int? Second) Arguments(string type)
    {
        var match = ArgumentsPattern().Match(type);
        if (!match.Success)
        {
            return (null, null);
        }

        static int? Number(Group group) => group.Success && int.TryParse(group.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        return (Number(match.Groups[1]), Number(match.Groups[2]));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)")]
    private static partial Regex ArgumentsPattern();

    [GeneratedRegex("'((?:[^']|'')*)'")]
    private static partial Regex LabelPattern();
}
