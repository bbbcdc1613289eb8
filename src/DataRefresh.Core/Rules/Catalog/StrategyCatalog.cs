using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Rules.Catalog;

/// <summary>
/// Every strategy rule files may name, with its parameters. The loader, the JSON Schema shipped in <c>rules/</c>, the
/// report and the docs are all derived from this one table, so they cannot disagree.
/// </summary>
public static class StrategyCatalog
{
    public static readonly IReadOnlyList<string> RedactKinds = Detection.SensitiveKindNames.FindableNames;

    private static readonly ColumnCategory[] Text = [ColumnCategory.Text];
    private static readonly ColumnCategory[] Dates = [ColumnCategory.Date, ColumnCategory.Timestamp, ColumnCategory.TimestampWithTimeZone];
    private static readonly ColumnCategory[] Any = [];

    // Every kind a mask can read: all but Other (no value form) and Array (whose masks apply to the elements).
    private static readonly ColumnCategory[] Decodable = [.. Enum.GetValues<ColumnCategory>().Where(category => category is not (ColumnCategory.Other or ColumnCategory.Array))];

    public static IReadOnlyList<StrategySpec> All { get; } =
    [
        new(MaskStrategy.Fake, "fake", "A value from a Bogus dataset, chosen by the keyed hash of the input.",
            [
                new("faker", ParameterKind.Text, "Bogus dataset and method, e.g. name.firstName, internet.email, address.city.", Required: true, Example: "name.firstName"),
                new("locale", ParameterKind.Text, "Bogus locale; defaults to the table's, then the file's, then en.", Example: "de"),
                new("emailDomain", ParameterKind.Text, "For internet.email and internet.exampleEmail: the domain of the addresses. Omitted: the reserved example.com, example.net and example.org, so mail sent from staging reaches nobody; free-mail: real providers' domains (gmail.com, …).", Example: "mail.test"),
            ],
            [ColumnCategory.Text, .. Dates, ColumnCategory.Integer], Keyed: true),
        new(MaskStrategy.Template, "template", "Text composed from other columns of the same row, after they are masked: {first_name}.{last_name|lower}@example.com.",
            [new("template", ParameterKind.Text, "Text with {column} or {column|lower|upper|slug|initial} placeholders.", Required: true, Example: "{first_name|slug}.{last_name|slug}@example.com")],
            Text, Keyed: false),
        new(MaskStrategy.Lookup, "lookup", "A value from a CSV dictionary, chosen by the keyed hash of the input.",
            [
                new("file", ParameterKind.FilePath, "CSV file with a header row, relative to the rule file.", Required: true, Example: "dictionaries/cities.csv"),
                new("column", ParameterKind.Text, "Header of the column to pick from; optional when the file has one column.", Example: "city"),
            ],
            Text, Keyed: true),
        new(MaskStrategy.RegexReplace, "regex-replace", "Replaces every match of a .NET regular expression.",
            [
                new("pattern", ParameterKind.Text, ".NET regular expression.", Required: true, Example: "[0-9]"),
                new("replacement", ParameterKind.Text, "Replacement text; $1 refers to a group.", Required: true, Example: "X"),
            ],
            Text, Keyed: false),
        new(MaskStrategy.RedactText, "redact-text", "Finds e-mails, phones, cards, IBANs, national ids and IP addresses inside free text and replaces just those.",
            [
                new("find", ParameterKind.ChoiceList, "What to find; all kinds when omitted.", Choices: RedactKinds),
                new("replacement", ParameterKind.Text, "Literal to put in place of each finding; when omitted, each becomes a keyed look-alike of its kind.", Example: "[redacted]"),
            ],
            Text, Keyed: true),
        new(MaskStrategy.Partial, "partial", "Keeps the first and last characters and masks the rest, same length.",
            [
                new("keepFirst", ParameterKind.Integer, "Characters kept at the start.", Default: 0, Minimum: 0, Maximum: 1000),
                new("keepLast", ParameterKind.Integer, "Characters kept at the end.", Default: 0, Minimum: 0, Maximum: 1000),
                new("maskChar", ParameterKind.Character, "Character that replaces the others.", Default: '*'),
            ],
            Text, Keyed: false),
        new(MaskStrategy.FormatPreserving, "format-preserving", "A keyed permutation that keeps length and character classes (digits stay digits, letters letters, separators in place); distinct inputs stay distinct.",
            [], [ColumnCategory.Text, ColumnCategory.Integer], Keyed: true),
        new(MaskStrategy.Card, "card", "A card number with a valid Luhn check digit, the same length, separators and issuer prefix.",
            [new("keepPrefix", ParameterKind.Integer, "Leading digits kept (the issuer identification number).", Default: 6, Minimum: 0, Maximum: 8)],
            [ColumnCategory.Text, ColumnCategory.Integer], Keyed: true),
        new(MaskStrategy.Hash, "hash", "128 keyed bits of the value: 32 hex characters, a UUID or 16 bytes; as many bits as fit in numbers, dates, timestamps and booleans. Equal inputs stay equal, so hashed keys still join.",
            [], Decodable, Keyed: true),
        new(MaskStrategy.Null, "null", "SQL NULL.", [], Any, Keyed: false),
        new(MaskStrategy.Constant, "constant", "The same value in every row.",
            [new("value", ParameterKind.Text, "The value, written as the column's type is (dates as yyyy-MM-dd).", Required: true, Example: "555-0100")],
            Any, Keyed: false),
        new(MaskStrategy.Keep, "keep", "Copied unchanged; needs a reason.", [], Any, Keyed: false),
        new(MaskStrategy.ShiftDate, "shift-date", "Moves a date by a keyed number of days, never 0.",
            [new("days", ParameterKind.Integer, "Largest shift, in days, forwards or backwards.", Required: true, Minimum: 1, Maximum: 36_500, Example: "30")],
            Dates, Keyed: true),
        new(MaskStrategy.GeneralizeDate, "generalize-date", "Truncates a date to the first day of its month or year.",
            [new("to", ParameterKind.Choice, "month or year.", Required: true, Choices: ["month", "year"], Example: "year")],
            Dates, Keyed: false),
        new(MaskStrategy.Noise, "noise", "Moves a number by a keyed amount up to a percentage, keeping its scale and the column's precision.",
            [new("percent", ParameterKind.Number, "Largest change, in percent of the value.", Required: true, Minimum: 0.001, Maximum: 100, Example: "10")],
            [ColumnCategory.Integer, ColumnCategory.Numeric], Keyed: true),
        new(MaskStrategy.Json, "json", "Applies mask rules to paths inside a json or jsonb document.",
            [new("paths", ParameterKind.JsonPaths, "Mapping of paths ($.a.b, $.list[*].c) to mask rules.", Required: true)],
            [ColumnCategory.Json], Keyed: false),
    ];

    private static readonly Dictionary<string, StrategySpec> ByName = All.ToDictionary(spec => spec.Name, StringComparer.Ordinal);
    private static readonly Dictionary<MaskStrategy, StrategySpec> ByStrategy = All.ToDictionary(spec => spec.Strategy);

    public static IEnumerable<string> Names => All.Select(spec => spec.Name);

    public static StrategySpec? Find(string name) => ByName.GetValueOrDefault(name);

    public static StrategySpec Of(MaskStrategy strategy) => ByStrategy[strategy];
}
