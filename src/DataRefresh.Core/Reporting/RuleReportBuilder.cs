using DataRefresh.Core.Approvals;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// Turns a checked plan into the report: every column of the live schema, generated ones and those of <c>rows: none</c>
/// tables included, since a reviewer must see all of them accounted for. A column copied unchanged is suspicious when the
/// environment's latest scan flagged it, or else when its name suggests personal data.
/// </summary>
public static class RuleReportBuilder
{
    public const string UnlistedStrategy = "UNLISTED";

    /// <param name="scan">The environment's latest scan, when one was kept.</param>
    public static RuleReport Build(RefreshPlan plan, RuleSet rules, string environment, string source, DateTimeOffset generatedAt, ScanRecord? scan = null)
    {
        var resolved = plan.UniqueDomains
            .SelectMany(domain => domain.Columns.Select(pair => (Key: $"{pair.Table.Table.Name}.{pair.Column.Column.Name}", domain.Domain)))
            .ToDictionary(pair => pair.Key, pair => pair.Domain, StringComparer.Ordinal);
        var tables = plan.Tables
            .OrderBy(table => table.Table.Name.ToString(), StringComparer.Ordinal)
            .Select(table => new TableReport(table.Table.Name, Rows(table), table.RuleLocation, Columns(table, resolved, scan).ToList()))
            .ToList();
        return new RuleReport(environment, source, rules.Files, rules.Unlisted, generatedAt, ReportCoverage.Of(tables), tables, plan.Findings);
    }

    private static IEnumerable<ColumnReport> Columns(TablePlan table, Dictionary<string, string> resolved, ScanRecord? scan)
    {
        foreach (var column in table.Table.Columns)
        {
            var plan = table.Columns.FirstOrDefault(candidate => candidate.Column.Name == column.Name);
            var rule = plan?.Rule;
            var treatment = TreatmentOf(table, column, plan);
            var report = new ColumnReport(
                table.Table.Name,
                column.Name,
                column.DataType,
                treatment,
                Strategy(treatment, plan),
                plan?.Mask is { } mask && treatment is not (ColumnTreatment.Generated or ColumnTreatment.NoRows) ? MaskDeterminism.Describe(mask) : "",
                plan is { Unique: true } && table.CopiesRows ? Unique(table, plan, treatment, resolved) : null,
                rule?.Classification,
                rule?.Reason,
                rule?.Owner,
                rule?.Location);
            yield return treatment is ColumnTreatment.Kept or ColumnTreatment.Unlisted
                ? scan?.Find(table.Table.Name, column.Name) is { } flagged
                    ? report with { Suspicion = $"the scan of {scan.ScannedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {flagged.Describe()}", FlaggedByScan = true }
                    : report with { Suspicion = SuspiciousColumns.Why(table.Table.Name, column) }
                : report;
        }
    }

    private static ColumnTreatment TreatmentOf(TablePlan table, ColumnInfo column, ColumnPlan? plan) => (table, column, plan) switch
    {
        (_, { IsGenerated: true }, _) or (_, _, null) => ColumnTreatment.Generated,
        ({ CopiesRows: false }, _, _) => ColumnTreatment.NoRows,
        (_, _, { InheritedFrom: not null }) => ColumnTreatment.Inherited,
        (_, _, { IsMasked: true }) => ColumnTreatment.Masked,
        (_, _, { Mask: not null }) => ColumnTreatment.Kept,
        _ => ColumnTreatment.Unlisted,
    };

    private static string Strategy(ColumnTreatment treatment, ColumnPlan? plan) => treatment switch
    {
        ColumnTreatment.Masked => plan!.Mask!.Describe(),
        ColumnTreatment.Inherited => $"inherited from {plan!.InheritedFrom}: {plan.Mask!.Describe()}",
        ColumnTreatment.Kept => "keep",
        ColumnTreatment.Generated => "generated (the target computes it)",
        ColumnTreatment.NoRows => "no rows copied (rows: none)",
        _ => UnlistedStrategy,
    };

    private static string Rows(TablePlan table)
    {
        if (!table.CopiesRows)
        {
            return "none (schema only)";
        }

        var parts = new List<string>();
        if (table.Where is not null)
        {
            parts.Add($"where {table.Where}");
        }

        parts.AddRange(table.ParentFilters.Select(parent => $"only rows whose parent in {parent.Parent.Table.Name} is copied ({parent.ForeignKey.Name})"));
        return parts.Count == 0 ? "all" : string.Join("; ", parts);
    }

    private static UniqueColumn Unique(TablePlan table, ColumnPlan plan, ColumnTreatment treatment, Dictionary<string, string> resolved)
    {
        var why = table.Table.IsUnique(plan.Column.Name) ? "unique key" : "unique: true";
        var key = $"{table.Table.Name}.{plan.Column.Name}";
        var (handling, how) = treatment switch
        {
            ColumnTreatment.Inherited => (UniqueHandling.Inherited, "follows the key it references"),
            ColumnTreatment.Kept or ColumnTreatment.Unlisted => (UniqueHandling.Unchanged, "values unchanged"),
            _ when resolved.TryGetValue(key, out var domain) => (UniqueHandling.Resolved, $"collisions resolved before the copy (domain {domain})"),
            _ when IsInjective(plan) => (UniqueHandling.Injective, "injective"),
            _ => (UniqueHandling.Unsafe, "NOT SAFE: the mask can repeat values (see findings)"),
        };
        return new UniqueColumn(handling, $"{why}: {how}");
    }

    // The planner's own judgement, which reports the unsafe cases as errors (kept columns were handled above).
    private static bool IsInjective(ColumnPlan plan) =>
        plan.Mask is { When: null } mask && UniquenessCheck.Safety(mask.Mask, plan) == Uniqueness.Injective;
}
