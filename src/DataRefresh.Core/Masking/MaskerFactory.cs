using System.Globalization;
using DataRefresh.Core.Detection;
using DataRefresh.Core.Masking.Json;
using DataRefresh.Core.Masking.Lookup;
using DataRefresh.Core.Masking.Strategies;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Masking;

/// <summary>
/// Decides whether a mask can fill its column (before any data moves) and builds the masker that applies it.
/// </summary>
public static class MaskerFactory
{
    private static readonly ColumnCategory[] DateCategories = [ColumnCategory.Date, ColumnCategory.Timestamp, ColumnCategory.TimestampWithTimeZone];

    /// <summary>Why <paramref name="mask"/> cannot be applied to <paramref name="column"/>, or null when it can.</summary>
    public static string? FindConflict(MaskDefinition mask, ColumnInfo column)
    {
        var spec = mask.Spec;
        if (column.IsGenerated)
        {
            return "is a generated column; the target computes it from other columns, so mask those instead";
        }

        if (column.Category == ColumnCategory.Array && mask.Strategy is not (MaskStrategy.Null or MaskStrategy.Constant or MaskStrategy.Keep))
        {
            return ElementConflict(mask, column);
        }

        switch (mask.Strategy)
        {
            case MaskStrategy.Null when column.NotNull:
                return "is NOT NULL, so mask \"null\" cannot load; use constant, hash or fake";
            case MaskStrategy.Constant:
                return ParseConstant(mask.Text("value")!, column, out _);
            case MaskStrategy.Fake when column.Category is not ColumnCategory.Text:
                return FakeConflict(mask, column);
            case MaskStrategy.Json:
                return column.Category == ColumnCategory.Json ? JsonConflict(mask) : $"is a {column.DataType} column; json fits json and jsonb columns";
            case var _ when spec.Fits.Count > 0 && !spec.Fits.Contains(column.Category):
                return $"is a {column.DataType} column; {spec.Name} fits {Join(spec.Fits.Select(Describe).Distinct().ToList())} columns";
            default:
                return null;
        }
    }

    /// <param name="hash">The keyed hash of the rule's domain.</param>
    /// <param name="session">Builds the maskers nested inside a json mask.</param>
    public static ColumnMasker Create(MaskDefinition mask, ColumnInfo column, KeyedHash hash, MaskingSession session) => mask.Strategy switch
    {
        not (MaskStrategy.Null or MaskStrategy.Constant) when column.Category == ColumnCategory.Array => new ArrayElementMasker(Create(mask, column.Element!, hash, session)),
        MaskStrategy.Null => new NullMasker(),
        MaskStrategy.Hash => new HashMasker(hash, column),
        MaskStrategy.ShiftDate => new ShiftDateMasker(hash, mask.Integer("days")),
        MaskStrategy.Constant => ParseConstant(mask.Text("value")!, column, out var constant) is null
            ? new ConstantMasker(constant!)
            : throw new InvalidOperationException("Create is only called for masks FindConflict accepted."),
        MaskStrategy.Fake => new FakeMasker(hash, mask.Text("faker")!, mask.Text("locale")!, column.Category, column.MaxLength, mask.Text("emailDomain")),
        MaskStrategy.Json => new JsonMasker(mask.JsonPaths("paths").Select(path => (path.Steps, CreateLeafMasker(path.Rule, session))).ToList()),
        MaskStrategy.RegexReplace => new RegexReplaceMasker(mask.Text("pattern")!, mask.Text("replacement")!, column.MaxLength),
        MaskStrategy.Partial => new PartialMasker(mask.Integer("keepFirst"), mask.Integer("keepLast"), mask.Character("maskChar")),
        MaskStrategy.FormatPreserving => new FormatPreservingMasker(hash, column),
        MaskStrategy.Card => new CardMasker(hash, mask.Integer("keepPrefix"), column),
        MaskStrategy.GeneralizeDate => new GeneralizeDateMasker(mask.Text("to") == "year" ? DateGranularity.Year : DateGranularity.Month),
        MaskStrategy.Noise => new NoiseMasker(hash, mask.Number("percent"), column),
        MaskStrategy.RedactText => new RedactTextMasker(hash, SensitiveKindNames.ParseFindable(mask.Choices("find"), out _)!, mask.Text("replacement"), column.MaxLength),
        MaskStrategy.Lookup => new LookupMasker(hash, LookupDictionary.Load(mask.File("file").FullPath, mask.Text("column")), column),
        _ => throw new InvalidOperationException($"mask {mask.Name} has no masker of its own (keep and template are applied per row)."),
    };

    private static JsonLeafMasker CreateLeafMasker(MaskRule rule, MaskingSession session)
    {
        var text = new ColumnInfo("json value", "text", "text", ColumnCategory.Text, null, NotNull: false, IsGenerated: false);
        var number = new ColumnInfo("json value", "numeric", "numeric", ColumnCategory.Numeric, null, NotNull: false, IsGenerated: false);
        var fitsNumbers = FindConflict(rule.Mask, number) is null && rule.Mask.Strategy is not (MaskStrategy.Null or MaskStrategy.Constant or MaskStrategy.Keep);
        return new JsonLeafMasker(session.CreateColumnMasker(rule, text), fitsNumbers ? session.CreateColumnMasker(rule, number) : null);
    }

    private static string? JsonConflict(MaskDefinition mask)
    {
        var text = new ColumnInfo("json value", "text", "text", ColumnCategory.Text, null, NotNull: false, IsGenerated: false);
        foreach (var path in mask.JsonPaths("paths"))
        {
            if (FindConflict(path.Rule.Mask, text) is { } conflict)
            {
                return $"has json path {path.Path} whose mask {path.Rule.Mask.Name} does not fit text values ({conflict.Replace("is a text column; ", "", StringComparison.Ordinal)})";
            }
        }

        return null;
    }

    /// <summary>Masks other than null and constant apply to each element of an array, so they must fit the elements.</summary>
    private static string? ElementConflict(MaskDefinition mask, ColumnInfo column)
    {
        if (mask.Strategy is MaskStrategy.Json or MaskStrategy.Template || column.Element is null || column.Element.Category is ColumnCategory.Other or ColumnCategory.Array)
        {
            return $"is a {column.DataType} array; {mask.Name} cannot apply to its elements; use null, constant, or a mask that fits them (hash fits every element type whose values are read)";
        }

        return FindConflict(mask, column.Element) is { } conflict
            ? $"is a {column.DataType} array and {mask.Name} applies to each element, but an element {conflict}"
            : null;
    }

    private static string? FakeConflict(MaskDefinition mask, ColumnInfo column)
    {
        var faker = mask.Text("faker")!;
        var produces = FakerCatalog.ReturnType(faker);
        var producesDates = produces == typeof(DateTime) || produces == typeof(DateTimeOffset);
        var producesIntegers = produces == typeof(int) || produces == typeof(long);
        return column.Category switch
        {
            _ when DateCategories.Contains(column.Category) && producesDates => null,
            ColumnCategory.Integer when producesIntegers => null,
            _ => $"is a {column.DataType} column, but faker {faker} produces {Describe(produces)}; choose a faker that produces {column.Category.ToString().ToLowerInvariant()} values or another mask",
        };
    }

    private static string Describe(Type type) => type == typeof(string) ? "text" : type.Name;

    private static string Describe(ColumnCategory category) => category switch
    {
        ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone => "timestamp",
        ColumnCategory.Binary => "bytea",
        _ => category.ToString().ToLowerInvariant(),
    };

    private static string Join(List<string> names) => names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];

    private static string? ParseConstant(string text, ColumnInfo column, out object? value)
    {
        value = null;
        var invariant = CultureInfo.InvariantCulture;
        switch (column.Category)
        {
            case ColumnCategory.Array when column.Element is { Category: not (ColumnCategory.Other or ColumnCategory.Array) } element:
                if (ArrayLiteral.Parse(text) is not { } items)
                {
                    return $"is a {column.DataType} array and the constant is not an array literal such as {{}} or {{a,b}}";
                }

                var elements = new object?[items.Count];
                for (var index = 0; index < items.Count; index++)
                {
                    if (items[index] is { } item && ParseConstant(item, element, out elements[index]) is { } problem)
                    {
                        return $"is a {column.DataType} array and element {index + 1} of the constant does not fit: it {problem}";
                    }
                }

                value = elements;
                return null;
            case ColumnCategory.Text or ColumnCategory.Json:
                value = text;
                return column.MaxLength is { } limit && text.Length > limit
                    ? $"holds at most {limit} characters, but the constant has {text.Length}"
                    : null;
            case ColumnCategory.Other when column.Labels is { } labels:
                value = text;
                return labels.Contains(text, StringComparer.Ordinal) ? null : $"is a {column.DataType} column and the constant is not one of its labels ({string.Join(", ", labels)})";
            case ColumnCategory.Integer when long.TryParse(text, NumberStyles.Integer, invariant, out var number):
                value = number;
                return null;
            case ColumnCategory.Numeric when decimal.TryParse(text, NumberStyles.Float, invariant, out var amount):
                value = amount;
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
            case ColumnCategory.Text or ColumnCategory.Json or ColumnCategory.Integer or ColumnCategory.Numeric or ColumnCategory.Boolean or ColumnCategory.Date
                or ColumnCategory.Timestamp or ColumnCategory.TimestampWithTimeZone or ColumnCategory.Uuid:
                return $"is a {column.DataType} column and the constant is not a valid {column.DataType} value (dates as yyyy-MM-dd)";
            default:
                return $"is a {column.DataType} column; constant fits text, json, number, boolean, date, timestamp, uuid and enum columns and arrays of them";
        }
    }
}
