using System.Globalization;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Verification;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Checks a side database's keys against the source's: each must exist with the same definition, unique keys must hold
/// distinct values and foreign keys must find their parents. One check per table and kind, plus one per problem; details
/// hold names and counts only.
/// </summary>
internal static class InMemoryKeyVerifier
{
    public const string ForeignKeys = "foreign keys";
    public const string Unique = "unique";

    public static IReadOnlyList<VerificationCheck> Verify(IReadOnlyList<KeyDefinition> sourceKeys, InMemoryDatabase side)
    {
        var present = side.Keys.Select(key => (key.Table, key.Name, key.Definition)).ToHashSet();
        var checks = new List<VerificationCheck>();
        foreach (var group in sourceKeys.GroupBy(key => (key.Table, Check: key.IsForeignKey ? ForeignKeys : Unique)))
        {
            var problems = group.Select(key => Problem(key, present, side)).OfType<string>().ToList();
            var table = group.Key.Table.ToString();
            checks.AddRange(problems.Select(problem => new VerificationCheck(table, null, group.Key.Check, CheckOutcome.Failed, problem)));
            if (problems.Count == 0)
            {
                checks.Add(new VerificationCheck(table, null, group.Key.Check, CheckOutcome.Passed, string.Create(CultureInfo.InvariantCulture, $"{group.Count()} keys present and valid")));
            }
        }

        return checks;
    }

    private static string? Problem(KeyDefinition key, HashSet<(Core.Schema.QualifiedName, string, string)> present, InMemoryDatabase side)
    {
        if (!present.Contains((key.Table, key.Name, key.Definition)))
        {
            return $"{key.Describe()} is missing in the copy";
        }

        var rows = side.Rows(key.Table);
        var columns = key.Columns.Select(column => side.ColumnIndex(key.Table, column)).ToArray();
        var tuples = rows.Select(row => Tuple(row, columns)).Where(tuple => tuple is not null).ToList();
        if (!key.IsForeignKey)
        {
            var duplicates = tuples.Count - tuples.Distinct(StringComparer.Ordinal).Count();
            return duplicates == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{key.Describe()}: {duplicates} duplicate rows");
        }

        var parent = key.ReferencedTable!;
        var parentColumns = key.ReferencedColumns.Select(column => side.ColumnIndex(parent, column)).ToArray();
        var parents = side.Rows(parent).Select(row => Tuple(row, parentColumns)).ToHashSet(StringComparer.Ordinal);
        var orphans = tuples.Count(tuple => !parents.Contains(tuple));
        return orphans == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{key.Describe()}: {orphans} rows without a parent");
    }

    /// <summary>The key's values as one comparable string; null when any is NULL (such rows are exempt, as in SQL).</summary>
    private static string? Tuple(object?[] row, int[] columns) =>
        columns.Any(column => row[column] is null)
            ? null
            : string.Join('\u001f', columns.Select(column => Convert.ToString(row[column], CultureInfo.InvariantCulture)));
}
