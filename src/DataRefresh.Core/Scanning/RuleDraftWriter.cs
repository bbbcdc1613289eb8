using System.Globalization;
using System.Text;
using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// Writes a rule file draft for the findings no rule covers: one rule per column with its classification and the scan's
/// evidence as the reason. Every string is double-quoted so the file is valid YAML whatever the names hold. The draft
/// holds names, rules and evidence only: scan evidence never carries a value.
/// </summary>
public static class RuleDraftWriter
{
    public static void Write(TextWriter output, IReadOnlyList<ScanFinding> findings, string origin)
    {
        output.WriteLine($"# DRAFT rules written by 'datarefresh scan' from {origin}. Review every rule before use:");
        output.WriteLine("# the scan judged by column names and a sample of values, and can be wrong both ways.");
        output.WriteLine("# Each reason is the scan's evidence (rule names, hit rates and counts; never a value).");
        output.WriteLine("version: 1");
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

    /// <summary>Writes the draft to <paramref name="path"/>; an existing file is replaced only when <paramref name="overwrite"/> says so.</summary>
    public static void WriteFile(string path, IReadOnlyList<ScanFinding> findings, string origin, bool overwrite)
    {
        if (File.Exists(path) && !overwrite)
        {
            throw new DataRefreshException(ExitCodes.Usage, $"'{path}' already exists; pass --force to replace it, or choose another file for --write-rules.");
        }

        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, findings, origin);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
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
    internal static string Quote(string text)
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
