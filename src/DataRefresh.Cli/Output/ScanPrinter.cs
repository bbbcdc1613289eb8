using DataRefresh.Core.Detection;
using DataRefresh.Core.Scanning;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Prints scan findings one column per line, uncovered ones first (they are what needs doing), then a summary. Lines
/// hold names, kinds, rules and evidence: findings carry no values, so none can be printed.
/// </summary>
internal static class ScanPrinter
{
    public static void Print(
        IReadOnlyList<(ScanFinding Finding, string? CoveredBy)> report, string environment, int tables, int columns, int sampleRows, IReadOnlyList<string> ruleFiles, TextWriter output)
    {
        var rules = ruleFiles.Count == 0 ? "no rule files given" : "rules: " + string.Join(", ", ruleFiles);
        output.WriteLine($"Scanned {tables} table(s), {columns} column(s) in '{environment}', up to {sampleRows:N0} sampled rows per table; {rules}.");
        output.WriteLine();

        var ordered = report
            .OrderBy(line => line.CoveredBy is null ? 0 : 1)
            .ThenBy(line => line.Finding.Table.ToString(), StringComparer.Ordinal)
            .ToList();
        var nameWidth = ordered.Select(line => Name(line.Finding).Length).DefaultIfEmpty(6).Max();
        var kindWidth = ordered.Select(line => SensitiveKindNames.NameOf(line.Finding.Kind).Length).DefaultIfEmpty(4).Max();
        foreach (var (finding, coveredBy) in ordered)
        {
            var status = coveredBy is null ? $"NOT COVERED (suggest: {finding.Suggestion.Describe()})" : $"covered by {coveredBy}";
            output.WriteLine(
                $"{Name(finding).PadRight(nameWidth)}  {SensitiveKindNames.NameOf(finding.Kind).PadRight(kindWidth)}  " +
                $"{finding.Classification.ToString().ToLowerInvariant(),-6}  {status}  [{string.Join("; ", finding.Evidence)}]");
        }

        var uncovered = report.Count(line => line.CoveredBy is null);
        output.WriteLine();
        output.WriteLine($"{report.Count} column(s) look sensitive: {uncovered} not covered by rules, {report.Count - uncovered} covered.");
    }

    private static string Name(ScanFinding finding) => $"{finding.Table}.{finding.Column.Name}";
}
