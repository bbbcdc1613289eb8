using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Rules.Catalog;

/// <summary>
/// A strategy as rule files know it: its name, what it does, its parameters, and the kinds of column it can fill.
/// <paramref name="Keyed"/> strategies depend on the masking key (deterministic under it); the others are plain functions.
/// </summary>
public sealed record StrategySpec(
    MaskStrategy Strategy,
    string Name,
    string Description,
    IReadOnlyList<ParameterSpec> Parameters,
    IReadOnlyList<ColumnCategory> Fits,
    bool Keyed)
{
    public ParameterSpec? FindParameter(string name) => Parameters.FirstOrDefault(parameter => parameter.Name == name);
}
