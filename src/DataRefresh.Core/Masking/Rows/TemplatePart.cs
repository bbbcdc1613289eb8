namespace DataRefresh.Core.Masking.Rows;

/// <summary>A piece of a template: literal text, or a column placeholder with its filters.</summary>
public sealed record TemplatePart(string? Literal, string? Column, IReadOnlyList<string> Filters);
