using System.Globalization;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking;

/// <summary>
/// Decides whether a rule can fit its column (before any data moves) and builds the masker that applies it.
/// </summary>
public static class MaskerFactory
{
    private static readonly ColumnCategory[] DateCategories = [ColumnCategory.Date, ColumnCategory.Timestamp, ColumnCategory.TimestampWithTimeZone];

    /// <summary>Why <paramref name="rule"/> cannot be applied to <paramref name="column"/>, or null when it can.</summary>
    public static string? FindConflict(ColumnRule rule, ColumnInfo column)
    {
        var type = $"{column.DataType} column";
        if (column.IsGenerated)
        {
            return $"is a generated column; the target computes it from other columns, so mask those instead";
        }

        switch (rule.Strategy)
        {
            case MaskStrategy.Null when column.NotNull:
                return $"is NOT NULL, so mask \"null\" cannot load; use constant, hash or fake";
            case MaskStrategy.Null:
                return null;
            case MaskStrategy.Hash when column.Category is ColumnCategory.Text or ColumnCategory.Uuid or ColumnCategory.Binary:
                return null;
            case MaskStrategy.Hash:
                return $"is a {type}; hash fits text, uuid and bytea columns";
            case MaskStrategy.ShiftDate when DateCategories.Contains(column.Category):
                return null;
            case MaskStrategy.ShiftDate:
                return $"is a {type}; shift-date fits date and timestamp columns";
            case MaskStrategy.Constant:
                return ParseConstant(rule.Value!, column, out _);
            case MaskStrategy.Fake:
                return FakeConflict(rule, column, type);
            default:
                return $"uses a strategy this version cannot apply";
        }
    }

    public static ColumnMasker Create(ColumnRule rule, ColumnInfo column, MaskingKey key)
    {
        var hash = new KeyedHash(key, rule.Describe());
        return rule.Strategy switch
        {
            MaskStrategy.Null => new NullMasker(),
            MaskStrategy.Hash => new HashMasker(hash, column.MaxLength),
            MaskStrategy.ShiftDate => new ShiftDateMasker(hash, rule.Days!.Value),
            MaskStrategy.Constant => ParseConstant(rule.Value!, column, out var constant) is null
                ? new ConstantMasker(constant!)
                : throw new InvalidOperationException("Create is only called for rules FindConflict accepted."),
            MaskStrategy.Fake => new FakeMasker(hash, rule.Faker!, rule.Locale ?? FakerCatalog.DefaultLocale, column.Category, column.MaxLength),
            _ => throw new InvalidOperationException($"No masker for {rule.Strategy}."),
        };
    }

    private static string? FakeConflict(ColumnRule rule, ColumnInfo column, string type)
    {
        var produces = FakerCatalog.ReturnType(rule.Faker!);
        var producesDates = produces == typeof(DateTime) || produces == typeof(DateTimeOffset);
        var producesIntegers = produces == typeof(int) || produces == typeof(long);
        return column.Category switch
        {
            ColumnCategory.Text => null,
            _ when DateCategories.Contains(column.Category) && producesDates => null,
            ColumnCategory.Integer when producesIntegers => null,
            _ => $"is a {type}, but faker {rule.Faker} produces {Describe(produces)}; choose a faker that produces {column.Category.ToString().ToLowerInvariant()} values or another mask",
        };
    }

    private static string Describe(Type type) => type == typeof(string) ? "text" : type.Name;

    private static string? ParseConstant(string text, ColumnInfo column, out object? value)
    {
        value = null;
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Category)
        {
            case ColumnCategory.Text or ColumnCategory.Json:
                value = text;
                return column.MaxLength is { } limit && text.Length > limit
                    ? $"holds at most {limit} characters, but the constant has {text.Length}"
                    : null;
            case ColumnCategory.Integer when long.TryParse(text, NumberStyles.Integer, invariant, out var number):
                value = number;
                return null;
            case ColumnCategory.Boolean when bool.TryParse(text, out var flag):
                value = flag;
                return null;
            case ColumnCategory.Date when DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date):
                value = date;
                return null;
            case ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone
                when DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time):
                value = column.Category == ColumnCategory.Timestamp ? DateTime.SpecifyKind(time, DateTimeKind.Unspecified) : time;
                return null;
            case ColumnCategory.Uuid when Guid.TryParse(text, out var guid):
                value = guid;
                return null;
            case ColumnCategory.Text or ColumnCategory.Json or ColumnCategory.Integer or ColumnCategory.Boolean or ColumnCategory.Date
                or ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone or ColumnCategory.Uuid:
                return $"is a {column.DataType} column and the constant is not a valid {column.DataType} value (dates as yyyy-MM-dd)";
            default:
                return $"is a {column.DataType} column; constant fits text, json, integer, boolean, date, timestamp and uuid columns";
        }
    }
}
