namespace DataRefresh.Core.Rules.Catalog;

/// <summary>
/// One parameter a strategy takes: its YAML key, what it holds, whether it must be given, and its bounds or choices.
/// <paramref name="Default"/> is what an omitted optional parameter means (already in the parameter's CLR form).
/// </summary>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    string Description,
    bool Required = false,
    object? Default = null,
    double Minimum = double.MinValue,
    double Maximum = double.MaxValue,
    IReadOnlyList<string>? Choices = null,
    string? Example = null);
