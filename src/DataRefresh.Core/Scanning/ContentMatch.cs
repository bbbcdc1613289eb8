using DataRefresh.Core.Detection;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// A column whose sampled values look sensitive. <paramref name="IsFreeText"/>: items were found inside longer text
/// rather than as whole values; <paramref name="FoundKinds"/> are the kinds found there. The evidence holds rates and
/// counts, never a value.
/// </summary>
public sealed record ContentMatch(
    SensitiveKind Kind,
    DataClassification Classification,
    string Evidence,
    bool IsFreeText,
    IReadOnlySet<SensitiveKind> FoundKinds);
