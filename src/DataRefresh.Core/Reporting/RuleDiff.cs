using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// What changed between two rule sets, column by column. Locations are ignored (moving a rule is not a change); a removed
/// rule says what the column becomes under the new rules (inherited, unlisted, …) so a reviewer sees the consequence.
/// </summary>
public sealed record RuleDiff(IReadOnlyList<string> OldRuleFiles, IReadOnlyList<RuleChange> Changes)
{
    private const string None = "none";

    public static RuleDiff Compare(RuleSet before, RuleSet after, IReadOnlyList<TableReport> now)
    {
        var changes = new List<RuleChange>();
        if (before.Unlisted != after.Unlisted)
        {
            changes.Add(new("rule set", "unlisted", Policy(before.Unlisted), Policy(after.Unlisted)));
        }

        var oldTables = before.Tables.ToDictionary(table => table.Table);
        var newTables = after.Tables.ToDictionary(table => table.Table);
        var currentColumns = now.SelectMany(table => table.Columns).ToDictionary(column => column.QualifiedColumn, StringComparer.Ordinal);
        foreach (var name in oldTables.Keys.Union(newTables.Keys).OrderBy(name => name.ToString(), StringComparer.Ordinal))
        {
            var oldTable = oldTables.GetValueOrDefault(name);
            var newTable = newTables.GetValueOrDefault(name);
            CompareTable(name, oldTable, newTable, changes);
            var columns = (oldTable?.Columns ?? []).Select(column => column.Column)
                .Union((newTable?.Columns ?? []).Select(column => column.Column))
                .OrderBy(column => column, StringComparer.Ordinal);
            foreach (var column in columns)
            {
                var subject = $"{name}.{column}";
                CompareColumn(subject, oldTable?.FindColumn(column), newTable?.FindColumn(column), currentColumns.GetValueOrDefault(subject), changes);
            }
        }

        return new RuleDiff(before.Files, changes);
    }

    /// <summary>The changes that concern one column, for formats that show them next to it.</summary>
    public IEnumerable<RuleChange> For(ColumnReport column) => Changes.Where(change => change.Subject == column.QualifiedColumn);

    /// <summary>Changes that belong to no column of the live schema: the rule set, tables, rules for columns the schema lacks.</summary>
    public IEnumerable<RuleChange> NotAboutColumns(IEnumerable<ColumnReport> columns)
    {
        var names = columns.Select(column => column.QualifiedColumn).ToHashSet(StringComparer.Ordinal);
        return Changes.Where(change => !names.Contains(change.Subject));
    }

    private static void CompareTable(QualifiedName name, TableRule? before, TableRule? after, List<RuleChange> changes)
    {
        var subject = name.ToString();
        if (before is null || after is null)
        {
            changes.Add(new(subject, before is null ? "table rules added" : "table rules removed", before?.Location.ToString() ?? None, after?.Location.ToString() ?? None));
        }

        if ((before?.Rows ?? RowSelection.All) != (after?.Rows ?? RowSelection.All))
        {
            changes.Add(new(subject, "rows", Rows(before), Rows(after)));
        }

        if (before?.Where != after?.Where)
        {
            changes.Add(new(subject, "where", before?.Where ?? None, after?.Where ?? None));
        }
    }

    private static void CompareColumn(string subject, ColumnRule? before, ColumnRule? after, ColumnReport? now, List<RuleChange> changes)
    {
        if (before is null || after is null)
        {
            var consequence = now is null ? None : $"{None} (now {now.Strategy})";
            changes.Add(before is null
                ? new(subject, "rule added", None, after!.Describe())
                : new(subject, "rule removed", before.Describe(), consequence));
            return;
        }

        void Field(string what, string? old, string? current)
        {
            if (!string.Equals(old, current, StringComparison.Ordinal))
            {
                changes.Add(new(subject, what, old ?? None, current ?? None));
            }
        }

        Field("mask", before.Describe(), after.Describe());
        Field("classification", Lower(before.Classification), Lower(after.Classification));
        Field("reason", before.Reason, after.Reason);
        Field("owner", before.Owner, after.Owner);
        Field("unique", before.Unique ? "true" : null, after.Unique ? "true" : null);
    }

    private static string? Lower(Classification? classification) => classification?.ToString().ToLowerInvariant();

    private static string Policy(UnlistedPolicy policy) => policy.ToString().ToLowerInvariant();

    private static string Rows(TableRule? table) => table?.Rows == RowSelection.None ? "none" : "all";
}
