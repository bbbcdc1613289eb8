using System.Globalization;
using DataRefresh.Core.Reporting;

namespace DataRefresh.Cli.Output.Report;

/// <summary>The report as Markdown: totals and the suspicious list first, then findings, changes and one table per database table.</summary>
internal static class MarkdownReportRenderer
{
    public static void Render(RuleReport report, TextWriter output)
    {
        output.WriteLine($"# Masking report: {Cell(report.Environment)}");
        output.WriteLine();
        output.WriteLine($"- source: {Cell(report.Source)} (schema read in a read-only snapshot)");
        output.WriteLine($"- rules: {string.Join(", ", report.RuleFiles.Select(Code))}");
        output.WriteLine($"- unlisted columns: `{report.Unlisted.ToString().ToLowerInvariant()}`");
        output.WriteLine($"- generated: {report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        output.WriteLine();

        output.WriteLine("## Coverage");
        output.WriteLine();
        output.WriteLine("| | columns |");
        output.WriteLine("| --- | ---: |");
        foreach (var (label, count) in report.Coverage.Lines())
        {
            output.WriteLine($"| {label} | {count} |");
        }

        output.WriteLine();
        output.WriteLine("| classification | columns |");
        output.WriteLine("| --- | ---: |");
        foreach (var line in report.Coverage.ByClassification)
        {
            output.WriteLine($"| {line.Classification} | {line.Columns} |");
        }

        output.WriteLine();
        output.WriteLine("## Unmasked but suspicious");
        output.WriteLine();
        if (report.Suspicious.Count == 0)
        {
            output.WriteLine("No column copied unchanged has a name that suggests personal data.");
        }

        foreach (var column in report.Suspicious)
        {
            output.WriteLine($"- **{Code(column.QualifiedColumn)}** ({Cell(column.DataType)}, {Cell(column.Strategy)}): {Cell(column.Suspicion)}");
        }

        RenderFindings(report, output);
        RenderChanges(report, output);

        output.WriteLine();
        output.WriteLine("## Tables");
        foreach (var table in report.Tables)
        {
            output.WriteLine();
            output.WriteLine($"### {Cell(table.Name.ToString())}");
            output.WriteLine();
            output.WriteLine($"rows: {Cell(table.Rows)}; rules: {(table.Location is null ? "none" : Code(table.Location.ToString()))}");
            output.WriteLine();
            output.WriteLine("| column | type | classification | strategy | determinism | unique | reason | owner | rule |");
            output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var column in table.Columns)
            {
                var strategy = column.Treatment == ColumnTreatment.Unlisted ? $"**{column.Strategy}**" : Cell(column.Strategy);
                output.WriteLine($"| {Cell(column.Column)} | {Cell(column.DataType)} | {Cell(column.Classification?.ToString().ToLowerInvariant())} | " +
                    $"{strategy} | {Cell(column.Determinism)} | {Cell(column.Unique?.Description)} | {Cell(column.Reason)} | {Cell(column.Owner)} | " +
                    $"{Cell(column.Location?.ToString())} |");
            }
        }
    }

    private static void RenderFindings(RuleReport report, TextWriter output)
    {
        if (report.Findings.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("## Findings");
        output.WriteLine();
        foreach (var finding in report.OrderedFindings)
        {
            output.WriteLine($"- **{finding.Severity.ToString().ToLowerInvariant()}** {Cell(finding.ToString())}");
        }
    }

    private static void RenderChanges(RuleReport report, TextWriter output)
    {
        if (report.Changes is not { } diff)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("## Changes");
        output.WriteLine();
        output.WriteLine($"Against {string.Join(", ", diff.OldRuleFiles.Select(Code))}: {diff.Changes.Count} change{(diff.Changes.Count == 1 ? "" : "s")}.");
        if (diff.Changes.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| subject | change | before | after |");
        output.WriteLine("| --- | --- | --- | --- |");
        foreach (var change in diff.Changes)
        {
            output.WriteLine($"| {Cell(change.Subject)} | {Cell(change.What)} | {Cell(change.Before)} | {Cell(change.After)} |");
        }
    }

    private static string Code(string text) => $"`{text.Replace("`", "'", StringComparison.Ordinal)}`";

    /// <summary>Rule text may hold pipes (regex patterns) and line breaks, which would end a table cell.</summary>
    private static string Cell(string? text) => text is null
        ? ""
        : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);
}
