namespace DataRefresh.Core.Audit;

/// <summary>
/// What a run decided for one column of a copied table. <paramref name="Decision"/> is <c>masked</c> (own rule),
/// <c>inherited</c> (the mask of the key it references, <paramref name="InheritedFrom"/>), <c>keep</c> (copied as it is for
/// <paramref name="Reason"/>), <c>unlisted</c> (no rule; copied as it is under <c>unlisted: keep|warn</c>) or
/// <c>generated</c> (not copied: the target computes it). <paramref name="Mask"/> is the strategy and its parameters.
/// </summary>
public sealed record AuditColumn(string Column, string Decision, string? Mask, string? Reason, string? InheritedFrom, string? Classification, string? RuleAt);
