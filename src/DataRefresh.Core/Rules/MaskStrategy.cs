namespace DataRefresh.Core.Rules;

/// <summary>How a column's values are replaced. Names, parameters and the columns each fits are in <see cref="Catalog.StrategyCatalog"/>.</summary>
public enum MaskStrategy
{
    Fake,
    Template,
    Lookup,
    RegexReplace,
    RedactText,
    Partial,
    FormatPreserving,
    Card,
    Hash,
    Null,
    Constant,
    Keep,
    ShiftDate,
    GeneralizeDate,
    Noise,
    Json,
}
