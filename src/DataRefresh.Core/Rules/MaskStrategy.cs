namespace DataRefresh.Core.Rules;

/// <summary>How a column's values are replaced. The YAML spelling is in <see cref="MaskStrategyNames"/>.</summary>
public enum MaskStrategy
{
    Fake,
    Hash,
    Null,
    Constant,
    ShiftDate,
}
