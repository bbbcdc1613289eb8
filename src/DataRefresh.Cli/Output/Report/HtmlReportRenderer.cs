using System.Globalization;
using System.Net;
using DataRefresh.Core.Reporting;

namespace DataRefresh.Cli.Output.Report;

/// <summary>
/// The report as one self-contained HTML page: inline styles, no scripts, no external assets, so it can be mailed,
/// archived with a run and printed. Every text is HTML-escaped.
/// </summary>
internal static class HtmlReportRenderer
{
    private const string Style = """
        body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 2rem; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5rem; }
        table { border-collapse: collapse; margin: .5rem 0; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } td.count { text-align: right; } code { font-size: .9em; }
        .meta { color: #555; margin: 0; padding-left: 1.2rem; }
        .suspicious { background: #fff4ce; border: 2px solid #d39e00; padding: .5rem 1rem; }
        .error { color: #a4000f; } .warning { color: #8a5a00; }
        tr.unlisted td { background: #fde7e9; font-weight: bold; } tr.masked td:nth-child(4), tr.inherited td:nth-child(4) { color: #0b5c0b; }
        tr.flagged td:first-child { background: #fff4ce; }
        @media print { body { margin: 0; font-size: 10pt; } h2, h3 { break-after: avoid; } tr { break-inside: avoid; } }
        """;

    public static void Render(RuleReport report, TextWriter output)
    {
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        output.WriteLine($"<title>Masking report: {E(report.Environment)}</title>");
        output.WriteLine($"<style>{Style}</style></head><body>");
        output.WriteLine($"<h1>Masking report: {E(report.Environment)}</h1>");
        output.WriteLine("<ul class=\"meta\">");
        output.WriteLine($"<li>source: {E(report.Source)} (schema read in a read-only snapshot)</li>");
        output.WriteLine($"<li>rules: {string.Join(", ", report.RuleFiles.Select(file => $"<code>{E(file)}</code>"))}</li>");
        output.WriteLine($"<li>unlisted columns: <code>{E(report.Unlisted.ToString().ToLowerInvariant())}</code></li>");
        output.WriteLine($"<li>generated: {E(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture))}</li>");
        output.WriteLine("</ul>");

        RenderCoverage(report, output);
        RenderSuspicious(report, output);
        RenderFindings(report, output);
        RenderChanges(report, output);

        output.WriteLine("<h2>Tables</h2>");
        foreach (var table in report.Tables)
        {
            output.WriteLine($"<h3 id=\"{E(table.Name.ToString())}\">{E(table.Name.ToString())}</h3>");
            output.WriteLine($"<p>rows: {E(table.Rows)}; rules: {(table.Location is null ? "none" : $"<code>{E(table.Location.ToString())}</code>")}</p>");
            output.WriteLine("<table><thead><tr><th>column</th><th>type</th><th>classification</th><th>strategy</th><th>determinism</th><th>unique</th><th>reason</th><th>owner</th><th>rule</th></tr></thead><tbody>");
            foreach (var column in table.Columns)
            {
                var classes = column.Treatment.ToString().ToLowerInvariant() + (column.Suspicion is null ? "" : " flagged");
                output.WriteLine($"<tr class=\"{classes}\"><td>{E(column.Column)}</td><td>{E(column.DataType)}</td><td>{E(column.Classification?.ToString().ToLowerInvariant())}</td>" +
                    $"<td>{E(column.Strategy)}</td><td>{E(column.Determinism)}</td><td>{E(column.Unique?.Description)}</td><td>{E(column.Reason)}</td>" +
                    $"<td>{E(column.Owner)}</td><td>{E(column.Location?.ToString())}</td></tr>");
            }

            output.WriteLine("</tbody></table>");
        }

        output.WriteLine("</body></html>");
    }

    private static void RenderCoverage(RuleReport report, TextWriter output)
    {
        output.WriteLine("<h2>Coverage</h2>");
        output.WriteLine("<table><thead><tr><th></th><th>columns</th></tr></thead><tbody>");
        foreach (var (label, count) in report.Coverage.Lines())
        {
            output.WriteLine($"<tr><td>{E(label)}</td><td class=\"count\">{count}</td></tr>");
        }

        output.WriteLine("</tbody></table>");
        output.WriteLine("<table><thead><tr><th>classification</th><th>columns</th></tr></thead><tbody>");
        foreach (var line in report.Coverage.ByClassification)
        {
            output.WriteLine($"<tr><td>{E(line.Classification)}</td><td class=\"count\">{line.Columns}</td></tr>");
        }

        output.WriteLine("</tbody></table>");
    }

    private static void RenderSuspicious(RuleReport report, TextWriter output)
    {
        output.WriteLine("<h2>Unmasked but suspicious</h2>");
        output.WriteLine("<div class=\"suspicious\">");
        if (report.Suspicious.Count == 0)
        {
            output.WriteLine("<p>No column copied unchanged has a name that suggests personal data.</p>");
        }
        else
        {
            output.WriteLine("<ul>");
            foreach (var column in report.Suspicious)
            {
                output.WriteLine($"<li><strong><code>{E(column.QualifiedColumn)}</code></strong> ({E(column.DataType)}, {E(column.Strategy)}): {E(column.Suspicion)}</li>");
            }

            output.WriteLine("</ul>");
        }

        output.WriteLine("</div>");
    }

    private static void RenderFindings(RuleReport report, TextWriter output)
    {
        if (report.Findings.Count == 0)
        {
            return;
        }

        output.WriteLine("<h2>Findings</h2><ul>");
        foreach (var finding in report.OrderedFindings)
        {
            var severity = finding.Severity.ToString().ToLowerInvariant();
            output.WriteLine($"<li class=\"{severity}\"><strong>{severity}</strong> {E(finding.ToString())}</li>");
        }

        output.WriteLine("</ul>");
    }

    private static void RenderChanges(RuleReport report, TextWriter output)
    {
        if (report.Changes is not { } diff)
        {
            return;
        }

        output.WriteLine("<h2>Changes</h2>");
        output.WriteLine($"<p>Against {string.Join(", ", diff.OldRuleFiles.Select(file => $"<code>{E(file)}</code>"))}: {diff.Changes.Count} change{(diff.Changes.Count == 1 ? "" : "s")}.</p>");
        if (diff.Changes.Count == 0)
        {
            return;
        }

        output.WriteLine("<table><thead><tr><th>subject</th><th>change</th><th>before</th><th>after</th></tr></thead><tbody>");
        foreach (var change in diff.Changes)
        {
            output.WriteLine($"<tr><td>{E(change.Subject)}</td><td>{E(change.What)}</td><td>{E(change.Before)}</td><td>{E(change.After)}</td></tr>");
        }

        output.WriteLine("</tbody></table>");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
