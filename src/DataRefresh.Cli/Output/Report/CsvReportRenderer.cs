using DataRefresh.Core.Reporting;

namespace DataRefresh.Cli.Output.Report;

/// <summary>
/// One record per column of the live schema, for spreadsheets and scripts. With <c>--diff</c> a <c>changes</c> field lists
/// each column's changes, and changes that concern no column (the unlisted policy, a table's rows or filter, a rule for a
/// column the schema lacks) follow as records whose <c>column</c> field is empty.
/// </summary>
internal static class CsvReportRenderer
{
    private static readonly string[] Header =
        ["table", "column", "data_type", "treatment", "strategy", "determinism", "unique", "classification", "reason", "owner", "rule_location", "suspicious"];

    public static void Render(RuleReport report, TextWriter output)
    {
        var diff = report.Changes;
        CsvText.WriteRecord(output, diff is null ? Header : [.. Header, "changes"]);
        foreach (var column in report.Columns)
        {
            string?[] fields =
            [
                column.Table.ToString(), column.Column, column.DataType, Treatment(column.Treatment), column.Strategy,
                column.Determinism, column.Unique?.Description, column.Classification?.ToString().ToLowerInvariant(), column.Reason,
                column.Owner, column.Location?.ToString(), column.Suspicion,
            ];
            CsvText.WriteRecord(output, diff is null ? fields : [.. fields, Describe(diff.For(column))]);
        }

        foreach (var change in diff?.NotAboutColumns(report.Columns) ?? [])
        {
            var empty = Enumerable.Repeat<string?>(null, Header.Length - 1);
            CsvText.WriteRecord(output, [change.Subject, .. empty, Describe([change])]);
        }
    }

    /// <summary>masked, inherited, kept, unlisted, generated, no-rows: stable words for filters in scripts.</summary>
    private static string Treatment(ColumnTreatment treatment) => treatment == ColumnTreatment.NoRows ? "no-rows" : treatment.ToString().ToLowerInvariant();

    private static string Describe(IEnumerable<RuleChange> changes) =>
        string.Join("; ", changes.Select(change => $"{change.What}: {change.Before} -> {change.After}"));
}
