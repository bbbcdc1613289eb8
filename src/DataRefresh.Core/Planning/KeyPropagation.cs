using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Gives every foreign-key column the mask of the key it references, so masked keys still join: a column without a rule
/// inherits it (down chains of keys), a column with its own rule must mask the same way, and a masked column may not
/// reference a key that is copied as it is.
/// </summary>
internal static class KeyPropagation
{
    public static void Apply(DatabaseSchema schema, Dictionary<QualifiedName, List<ColumnPlan>> columns, List<PlanFinding> findings)
    {
        var problems = new Dictionary<string, PlanFinding>(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var table in schema.Tables)
            {
                foreach (var foreignKey in table.ForeignKeys)
                {
                    for (var index = 0; index < foreignKey.Columns.Count; index++)
                    {
                        changed |= Propagate(table, foreignKey, index, columns, problems);
                    }
                }
            }
        }
        while (changed);

        findings.AddRange(problems.Values);
    }

    private static bool Propagate(TableInfo table, ForeignKeyInfo foreignKey, int index, Dictionary<QualifiedName, List<ColumnPlan>> columns, Dictionary<string, PlanFinding> problems)
    {
        var children = columns[table.Name];
        var childAt = children.FindIndex(plan => plan.Column.Name == foreignKey.Columns[index]);
        var parent = columns.GetValueOrDefault(foreignKey.ReferencedTable)?.Find(plan => plan.Column.Name == foreignKey.ReferencedColumns[index]);
        if (childAt < 0 || parent is null)
        {
            return false;
        }

        var child = children[childAt];
        var parentName = $"{foreignKey.ReferencedTable}.{parent.Column.Name}";
        var childName = $"{table.Name}.{child.Column.Name}";
        var location = child.Rule?.Location ?? parent.Rule?.Location;
        void Problem(string message) => problems.TryAdd(message, new PlanFinding(FindingSeverity.Error, location, message));

        if (!parent.IsMasked)
        {
            if (child.IsMasked && child.InheritedMask is null)
            {
                Problem($"{childName} is masked, but the key it references ({parentName}, foreign key {foreignKey.Name}) is copied as it is, so the foreign key would fail; mask {parentName} the same way, or keep {childName}.");
            }

            return false;
        }

        var mask = parent.Mask!;
        if (mask.When is not null || mask.Mask.Strategy == MaskStrategy.Template)
        {
            Problem($"{parentName} is a key referenced by {childName} (foreign key {foreignKey.Name}) and its mask reads other columns (when/template), so the references could not follow it; mask the key from its own value.");
            return false;
        }

        if (child.Rule is not null)
        {
            if (child.Rule.Rule.When is not null || child.Rule.Rule.EffectiveDomain != mask.EffectiveDomain || child.Rule.Rule.Mask.Describe() != mask.Mask.Describe())
            {
                Problem($"{childName} references {parentName} (foreign key {foreignKey.Name}), which is masked as '{mask.Describe()}'; mask {childName} the same way, or remove its rule to inherit it, so the join survives.");
            }

            return false;
        }

        if (child.InheritedMask is not null)
        {
            if (child.InheritedMask.EffectiveDomain != mask.EffectiveDomain)
            {
                Problem($"{childName} references keys masked in different ways ({child.InheritedFrom} and {parentName}); give both keys the same domain.");
            }

            return false;
        }

        children[childAt] = child with { InheritedMask = mask, InheritedFrom = $"{parentName} ({foreignKey.Name})" };
        return true;
    }
}
