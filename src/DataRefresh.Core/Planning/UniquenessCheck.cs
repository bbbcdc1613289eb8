using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Makes sure masking never breaks a unique key: injective masks are fine as they are, masks that can redraw (fake,
/// lookup) are collision-resolved before the copy, and anything else on a unique column is an error before data moves.
/// </summary>
public static class UniquenessCheck
{
    private const int HashTextLength = 32;

    internal static IReadOnlyList<UniqueDomain> Apply(IEnumerable<TablePlan> plans, List<PlanFinding> findings)
    {
        var resolvable = new List<(TablePlan Table, ColumnPlan Column)>();
        foreach (var plan in plans.Where(plan => plan.CopiesRows))
        {
            foreach (var column in plan.Columns.Where(column => column.Unique && column.IsMasked && column.InheritedMask is null))
            {
                var mask = column.Mask!;
                var name = $"{plan.Table.Name}.{column.Column.Name}";
                if (mask.When is not null)
                {
                    findings.Add(new(FindingSeverity.Error, mask.Location, $"{name} must stay unique, but its mask depends on a condition, so two branches could produce the same value; use one unconditional mask (fake, lookup, hash, format-preserving or card)."));
                    continue;
                }

                switch (Safety(mask.Mask, column))
                {
                    case Uniqueness.Resolvable:
                        resolvable.Add((plan, column));
                        break;
                    case Uniqueness.Unsafe:
                        findings.Add(new(FindingSeverity.Error, mask.Location, $"{name} must stay unique, but mask '{mask.Mask.Describe()}' can repeat values; use fake or lookup (collisions are resolved), or hash, format-preserving or card (distinct by construction)."));
                        break;
                }
            }

            WarnAboutCompositeKeys(plan, findings);
        }

        return resolvable
            .GroupBy(pair => pair.Column.Mask!.EffectiveDomain)
            .Select(group => new UniqueDomain(group.Key, group.First().Column.Mask!, group.ToList()))
            .ToList();
    }

    private static void WarnAboutCompositeKeys(TablePlan plan, List<PlanFinding> findings)
    {
        foreach (var key in plan.Table.UniqueKeys?.Where(key => key.Count > 1) ?? [])
        {
            var risky = plan.Columns.Where(column => key.Contains(column.Column.Name) && column.IsMasked && column.InheritedMask is null
                && Safety(column.Mask!.Mask, column) != Uniqueness.Injective).ToList();
            if (risky.Count > 0)
            {
                findings.Add(new(FindingSeverity.Warning, risky[0].Mask!.Location,
                    $"unique key ({string.Join(", ", key)}) of {plan.Table.Name} includes {string.Join(", ", risky.Select(column => column.Column.Name))}, whose mask can repeat values; the load fails if two rows then collide. Only single-column keys are collision-resolved."));
            }
        }
    }

    /// <summary>Whether <paramref name="mask"/> keeps <paramref name="column"/>'s values distinct, can be made to, or cannot.</summary>
    public static Uniqueness Safety(MaskDefinition mask, ColumnPlan column) => mask.Strategy switch
    {
        MaskStrategy.Keep or MaskStrategy.Null or MaskStrategy.FormatPreserving or MaskStrategy.Card => Uniqueness.Injective,

        // Hash text is 32 hex characters; a shorter text column cuts it, and cut hashes can collide.
        MaskStrategy.Hash when column.Column.MaxLength is { } length && length < HashTextLength && column.Column.Category == Schema.ColumnCategory.Text => Uniqueness.Unsafe,
        MaskStrategy.Hash => Uniqueness.Injective,
        MaskStrategy.Fake or MaskStrategy.Lookup => Uniqueness.Resolvable,
        _ => Uniqueness.Unsafe,
    };
}
