using System.Globalization;
using System.Text;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// Writes a rule file draft for the findings no rule covers: one rule per column with its classification and the scan's
/// evidence as the reason. Every string is double-quoted so the file is valid YAML whatever the names hold. The draft
/// holds names, rules and evidence only: scan evidence never carries a value.
/// </summary>
public static class RuleDraftWriter
{
    /// <summary>What the <c>draft:</c> line of a written file says; any text will do, the reviewer deletes the line.</summary>
    public const string DraftNote = "not reviewed yet: check every rule, then delete this line (validate and run refuse a draft)";

    /// <summary><c>scan --write-rules</c>: rules for the findings no rule file covers yet.</summary>
    public static void Write(TextWriter output, IReadOnlyList<ScanFinding> findings, string origin)
    {
        WriteHeader(output, "scan", origin);
        if (findings.Count == 0)
        {
            output.WriteLine("tables: {}");
            return;
        }

        output.WriteLine("tables:");
        foreach (var table in findings.GroupBy(finding => finding.Table))
        {
            output.WriteLine($"  {Quote(table.Key.ToString())}:");
            var drafted = table.Where(finding => finding.Suggestion.Mask is not null).ToList();
            output.WriteLine(drafted.Count == 0 ? "    columns: {}" : "    columns:");
            foreach (var finding in table)
            {
                WriteColumn(output, finding);
            }
        }
    }

    /// <summary>
    /// <c>init</c>: a rule for every column of every table, so the reviewer sees the whole database in one file — the
    /// findings masked as the scan suggests, every other column kept, with the scan's reason for thinking it harmless.
    /// </summary>
    public static void WriteComplete(TextWriter output, DatabaseSchema schema, IReadOnlyList<ScanFinding> findings, int sampleRows, string origin)
    {
        WriteHeader(output, "init", origin);
        var byColumn = findings.ToDictionary(finding => (finding.Table, finding.Column.Name));
        if (schema.Tables.Count == 0)
        {
            output.WriteLine("tables: {}");
            return;
        }

        var keepReason = Quote($"drafted by init: nothing personal in its name or in up to {sampleRows} sampled values");
        output.WriteLine("tables:");
        foreach (var table in schema.Tables)
        {
            output.WriteLine($"  {Quote(table.Name.ToString())}:");
            output.WriteLine(table.Columns.Count == 0 ? "    columns: {}" : "    columns:");
            foreach (var column in table.Columns)
            {
                if (column.IsGenerated)
                {
                    // A rule on it would be refused: the target computes it from the columns the reviewer decides on.
                    output.WriteLine($"      # {Quote(column.Name)}: generated column, recomputed on the target; no rule needed");
                }
                else if (byColumn.TryGetValue((table.Name, column.Name), out var finding))
                {
                    WriteColumn(output, finding);
                }
                else
                {
                    output.WriteLine($"      {Quote(column.Name)}: {{ mask: \"keep\", classification: \"internal\", reason: {keepReason} }}");
                }
            }
        }
    }

    private static void WriteHeader(TextWriter output, string command, string origin)
    {
        output.WriteLine($"# DRAFT rules written by 'datarefresh {command}' from {origin}. Review every rule before use:");
        output.WriteLine("# the scan judged by column names and a sample of values, and can be wrong both ways.");
        output.WriteLine("# Each reason is the scan's evidence (rule names, hit rates and counts; never a value).");
        output.WriteLine("version: 1");
        output.WriteLine($"draft: {Quote(DraftNote)}");
    }

    private static void WriteColumn(TextWriter output, ScanFinding finding)
    {
        var suggestion = finding.Suggestion;
        var reason = Quote("drafted by scan: " + string.Join("; ", finding.Evidence) + (suggestion.Note is null ? "" : $"; note: {suggestion.Note}"));
        if (suggestion.Mask is null)
        {
            // Commented out: a rule the loader would refuse helps nobody, but the reviewer must see the column.
            output.WriteLine($"      # {Quote(finding.Column.Name)}: no strategy fits yet; {reason}");
            return;
        }

        var entries = new List<string> { $"mask: {Quote(suggestion.Mask)}" };
        if (suggestion.Faker is not null)
        {
            entries.Add($"faker: {Quote(suggestion.Faker)}");
        }

        if (suggestion.Find is not null)
        {
            entries.Add($"find: [{string.Join(", ", suggestion.Find.Select(Quote))}]");
        }

        if (suggestion.To is not null)
        {
            entries.Add($"to: {Quote(suggestion.To)}");
        }

        if (suggestion.Value is not null)
        {
            entries.Add($"value: {Quote(suggestion.Value)}");
        }

        entries.Add($"classification: {Quote(finding.Classification.ToString().ToLowerInvariant())}");
        entries.Add($"reason: {reason}");
        output.WriteLine($"      {Quote(finding.Column.Name)}: {{ {string.Join(", ", entries)} }}");
    }

    /// <summary>A YAML double-quoted scalar: backslash, quote and control characters escaped.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var character in text)
        {
            quoted.Append(character switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(character) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)character:x4}"),
                _ => character.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
