using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// One column of the live schema as the report shows it. Every text here comes from the schema or the rule files, never
/// from a row. <paramref name="Strategy"/> is the mask with its parameters, <c>keep</c>, <c>inherited from …</c> or
/// <c>UNLISTED</c>; <paramref name="Unique"/> is null for columns that need not stay unique.
/// </summary>
public sealed record ColumnReport(
    QualifiedName Table,
    string Column,
    string DataType,
    ColumnTreatment Treatment,
    string Strategy,
    string Determinism,
    UniqueColumn? Unique,
    Classification? Classification,
    string? Reason,
    string? Owner,
    SourceLocation? Location)
{
    /// <summary>
    /// Why a kept or unlisted column looks like personal data — by the latest scan's finding, or else by its name
    /// (<see cref="SuspiciousColumns"/>) — or null.
    /// </summary>
    public string? Suspicion { get; init; }

    /// <summary>The suspicion is the latest scan's (which read values), not a guess from the name.</summary>
    public bool FlaggedByScan { get; init; }

    public string QualifiedColumn => $"{Table}.{Column}";
}
