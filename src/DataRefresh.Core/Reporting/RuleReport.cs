using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// Everything the compliance report shows (<c>datarefresh report</c> renders it as Markdown, HTML or CSV): which rules
/// were matched against which live schema, the coverage totals, every column of every table, what validation found and,
/// with <c>--diff</c>, what changed since older rules. Rules and schema only: no row value is ever read into it.
/// </summary>
public sealed record RuleReport(
    string Environment,
    string Source,
    IReadOnlyList<string> RuleFiles,
    UnlistedPolicy Unlisted,
    DateTimeOffset GeneratedAt,
    ReportCoverage Coverage,
    IReadOnlyList<TableReport> Tables,
    IReadOnlyList<PlanFinding> Findings)
{
    /// <summary>Null without <c>--diff</c>; otherwise every change, possibly none.</summary>
    public RuleDiff? Changes { get; init; }

    public IEnumerable<ColumnReport> Columns => Tables.SelectMany(table => table.Columns);

    /// <summary>Columns copied unchanged that look like personal data: those the latest scan flagged first, then by name.</summary>
    public IReadOnlyList<ColumnReport> Suspicious => [.. Columns.Where(column => column.Suspicion is not null).OrderBy(column => column.FlaggedByScan ? 0 : 1)];

    /// <summary>Errors first, then warnings, as <c>validate</c> prints them.</summary>
    public IEnumerable<PlanFinding> OrderedFindings => Findings.OrderBy(finding => finding.Severity);
}
