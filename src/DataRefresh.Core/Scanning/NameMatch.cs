using DataRefresh.Core.Detection;

namespace DataRefresh.Core.Scanning;

/// <summary>A column whose name suggests sensitive data; <paramref name="Evidence"/> names the rule that matched.</summary>
public sealed record NameMatch(SensitiveKind Kind, DataClassification Classification, string Evidence);
