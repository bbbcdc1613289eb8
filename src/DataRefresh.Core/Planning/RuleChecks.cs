using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>Checks one column's rule against its table: the column exists, every branch's mask fits it, and the columns
/// its conditions and templates read exist and are copied.</summary>
internal static class RuleChecks
{
    public static void CheckColumn(TableInfo table, ColumnRule rule, List<PlanFinding> findings)
    {
        var column = table.FindColumn(rule.Column);
        if (column is null)
        {
            var known = table.Columns.Select(candidate => candidate.Name);
            findings.Add(Error(rule.Location, $"table {table.Name} has no column '{rule.Column}'{DidYouMean.Hint(rule.Column, known)}."));
            return;
        }

        foreach (var branch in rule.Rule.Branches())
        {
            if (MaskerFactory.FindConflict(branch.Mask, column) is { } conflict)
            {
                findings.Add(Error(branch.Location, $"column {table.Name}.{column.Name} {conflict}."));
            }

            foreach (var term in branch.When?.Terms ?? [])
            {
                CheckReadColumn(table, column, term.Column, "'when'", branch.Location, findings);
            }

            if (branch.Mask.Strategy == MaskStrategy.Template)
            {
                foreach (var name in TemplateText.Parse(branch.Mask.Text("template")!).Columns)
                {
                    CheckReadColumn(table, column, name, "the template", branch.Location, findings);
                }
            }
        }
    }

    /// <summary>A named domain is one mapping, so every column in it must use the same mask.</summary>
    public static void CheckDomains(IReadOnlyDictionary<QualifiedName, List<ColumnPlan>> columns, List<PlanFinding> findings)
    {
        var branches = columns.Values.SelectMany(plans => plans)
            .Where(plan => plan.Rule is not null)
            .SelectMany(plan => plan.Rule!.Rule.Branches())
            .Where(branch => branch.Domain is not null);
        foreach (var domain in branches.GroupBy(branch => branch.Domain!))
        {
            var first = domain.First();
            foreach (var other in domain.Where(branch => branch.Mask.Describe() != first.Mask.Describe()))
            {
                findings.Add(Error(other.Location,
                    $"domain '{domain.Key}' is masked as '{first.Mask.Describe()}' at {first.Location} but as '{other.Mask.Describe()}' here; one domain is one mapping, so use the same mask or another domain."));
            }
        }
    }

    private static void CheckReadColumn(TableInfo table, ColumnInfo column, string name, string what, SourceLocation location, List<PlanFinding> findings)
    {
        var read = table.FindColumn(name);
        if (read is null)
        {
            findings.Add(Error(location, $"{what} of {table.Name}.{column.Name} reads column '{name}', which the table does not have{DidYouMean.Hint(name, table.Columns.Select(candidate => candidate.Name))}."));
        }
        else if (read.IsGenerated)
        {
            findings.Add(Error(location, $"{what} of {table.Name}.{column.Name} reads generated column '{name}', which is not copied; read the columns it is computed from."));
        }
        else if (name == column.Name && what != "'when'")
        {
            findings.Add(Error(location, $"{what} of {table.Name}.{column.Name} reads the column itself; a template is built from other columns."));
        }
    }

    private static PlanFinding Error(SourceLocation location, string message) => new(FindingSeverity.Error, location, message);
}
