using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Scanning;

/// <summary>
/// Combines what a column's name suggests with what a sample of its values shows into findings. The name decides the
/// kind when it matched (it says what the column is meant to hold); the content adds its rate as evidence, and on its
/// own flags columns whose names say nothing (a <c>notes</c> column full of e-mail addresses).
/// </summary>
public static class ColumnScanner
{
    /// <summary>
    /// Findings for one table. <paramref name="sample"/> rows hold every column of <paramref name="table"/> in order,
    /// as <see cref="Providers.ISourceSnapshot.SampleRowsAsync"/> returns them.
    /// </summary>
    public static IReadOnlyList<ScanFinding> Scan(TableInfo table, IReadOnlyList<object?[]> sample)
    {
        var findings = new List<ScanFinding>();
        for (var index = 0; index < table.Columns.Count; index++)
        {
            var column = table.Columns[index];
            var name = ColumnNameClassifier.Classify(table.Name, column);
            var position = index;
            // An array's elements are what its masks read (element by element), so they are what is classified.
            var content = ColumnContentClassifier.Classify(sample.SelectMany(row => row[position] is object?[] elements ? elements : [row[position]]));
            if (name is null && content is null)
            {
                continue;
            }

            var kind = name?.Kind ?? content!.Kind;
            var classification = name?.Classification ?? content!.Classification;
            string[] evidence = [.. new[] { name?.Evidence, content?.Evidence }.OfType<string>()];
            // Masks other than null and constant apply to an array's elements, so the suggestion must fit those.
            var masked = column is { Category: ColumnCategory.Array, Element: { } element } ? element : column;
            findings.Add(new ScanFinding(table.Name, column, kind, classification, evidence, RuleSuggester.Suggest(kind, masked, content, name is not null)));
        }

        return findings;
    }
}
