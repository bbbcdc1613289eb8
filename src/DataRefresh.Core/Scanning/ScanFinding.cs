using DataRefresh.Core.Detection;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// A column that looks sensitive, why (<paramref name="Evidence"/>: matched name rules, detector hit rates and counts,
/// never a value), and the rule a scan would draft for it.
/// </summary>
public sealed record ScanFinding(
    QualifiedName Table,
    ColumnInfo Column,
    SensitiveKind Kind,
    DataClassification Classification,
    IReadOnlyList<string> Evidence,
    SuggestedRule Suggestion);
