using DataRefresh.Core.Planning;
using DataRefresh.Core.Reporting;

namespace DataRefresh.Cli.Output;

/// <summary>Prints what <c>validate</c> found: every finding, errors first, then the coverage in a few lines.</summary>
internal static class ValidationPrinter
{
    public static void Print(RuleReport report, TextWriter output)
    {
        output.WriteLine($"Validated {string.Join(", ", report.RuleFiles)} against '{report.Environment}' ({report.Source}).");
        var errors = report.Findings.Where(finding => finding.Severity == FindingSeverity.Error).ToList();
        var warnings = report.Findings.Where(finding => finding.Severity == FindingSeverity.Warning).ToList();
        PrintGroup(errors, "error", output);
        PrintGroup(warnings, "warning", output);

        var coverage = report.Coverage;
        output.WriteLine();
        output.WriteLine($"{coverage.Tables} tables ({coverage.TablesWithRules} with rules), {coverage.Columns} columns:");
        output.WriteLine($"  {coverage.Covered} covered: {coverage.Masked} masked, {coverage.Inherited} inherited from keys, {coverage.Kept} kept with a reason");
        output.WriteLine($"  {coverage.Unlisted} unlisted (unlisted: {report.Unlisted.ToString().ToLowerInvariant()}), {coverage.Generated} generated, {coverage.NoRows} in tables copied without rows");
        output.WriteLine($"  unique columns: {coverage.UniqueResolved} with collisions resolved, {coverage.UniqueInjective} masked injectively");
        output.WriteLine(errors.Count == 0
            ? $"OK: the rules match the schema{(warnings.Count == 0 ? "" : $" ({Count(warnings.Count, "warning")})")}."
            : $"FAILED: {Count(errors.Count, "error")}{(warnings.Count == 0 ? "" : $", {Count(warnings.Count, "warning")}")}; a run would refuse to start.");
    }

    private static void PrintGroup(List<PlanFinding> findings, string severity, TextWriter output)
    {
        if (findings.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine($"{Count(findings.Count, severity)}:");
        foreach (var finding in findings)
        {
            output.WriteLine(finding.ToString());
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
