namespace DataRefresh.Core.Reporting;

/// <summary>
/// The totals a reviewer reads first. <see cref="Columns"/> counts every column of every table in the live schema; the
/// treatments partition it. Unique counts are of masked columns that must stay unique.
/// </summary>
public sealed record ReportCoverage(
    int Tables,
    int TablesWithRules,
    int Columns,
    int Masked,
    int Inherited,
    int Kept,
    int Unlisted,
    int Generated,
    int NoRows,
    int UniqueResolved,
    int UniqueInjective,
    IReadOnlyList<ClassificationCount> ByClassification)
{
    /// <summary>Columns a rule accounts for: masked, inherited from a key, or kept with a reason.</summary>
    public int Covered => Masked + Inherited + Kept;

    /// <summary>The totals as labelled lines, in the order every format shows them.</summary>
    public IEnumerable<(string Label, int Count)> Lines() =>
    [
        ("tables", Tables),
        ("tables with rules", TablesWithRules),
        ("columns", Columns),
        ("covered by a rule", Covered),
        ("masked", Masked),
        ("inherited from a referenced key", Inherited),
        ("kept, with a reason", Kept),
        ("unlisted", Unlisted),
        ("generated (computed by the target)", Generated),
        ("in tables copied without rows", NoRows),
        ("unique, collisions resolved", UniqueResolved),
        ("unique, injective mask", UniqueInjective),
    ];

    public static ReportCoverage Of(IReadOnlyList<TableReport> tables)
    {
        var columns = tables.SelectMany(table => table.Columns).ToList();
        int Count(ColumnTreatment treatment) => columns.Count(column => column.Treatment == treatment);
        var byClassification = columns
            .GroupBy(column => column.Classification?.ToString().ToLowerInvariant() ?? "unclassified")
            .OrderBy(group => group.Key == "unclassified" ? 1 : 0)
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => new ClassificationCount(group.Key, group.Count()))
            .ToList();
        return new ReportCoverage(
            tables.Count,
            tables.Count(table => table.Location is not null),
            columns.Count,
            Count(ColumnTreatment.Masked),
            Count(ColumnTreatment.Inherited),
            Count(ColumnTreatment.Kept),
            Count(ColumnTreatment.Unlisted),
            Count(ColumnTreatment.Generated),
            Count(ColumnTreatment.NoRows),
            columns.Count(column => column.Unique?.Handling == UniqueHandling.Resolved),
            columns.Count(column => column.Unique?.Handling == UniqueHandling.Injective),
            byClassification);
    }
}
