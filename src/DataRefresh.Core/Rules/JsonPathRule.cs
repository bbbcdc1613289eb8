namespace DataRefresh.Core.Rules;

/// <summary>
/// One entry of a <c>json</c> mask: the values at <paramref name="Path"/> (parsed into <paramref name="Steps"/>) are masked
/// by <paramref name="Rule"/>.
/// </summary>
public sealed record JsonPathRule(string Path, IReadOnlyList<JsonPathStep> Steps, MaskRule Rule);
