using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;

namespace DataRefresh.Core.Audit;

/// <summary>Turns a run's plan and finished tables into the audit's per-table, per-column decisions.</summary>
internal static class ColumnDecisions
{
    public static IReadOnlyList<AuditTable> Describe(RefreshPlan plan, IReadOnlyList<TableResult> finished, Planning.Subsets.SubsetPlan? subset = null)
    {
        var rows = finished.ToDictionary(result => result.Table.ToString(), StringComparer.Ordinal);
        return plan.Tables
            .OrderBy(table => table.Table.Name.ToString(), StringComparer.Ordinal)
            .Select(table =>
            {
                var name = table.Table.Name.ToString();
                var result = rows.GetValueOrDefault(name);
                var chosen = subset?.For(table.Table.Name);
                var decision = table.CopiesRows
                    ? new AuditTable(name, table.IsFiltered || chosen?.Filter is not null ? "filtered" : "all", result?.Rows, Mode(result?.Mode ?? (table.IsRaw ? TableMode.Raw : TableMode.Masked)), table.Where, Columns(table))
                    : new AuditTable(name, "none", 0, Mode(TableMode.SchemaOnly), null, []);
                return decision with { Subset = chosen?.How };
            })
            .ToList();
    }

    private static List<AuditColumn> Columns(TablePlan table)
    {
        var planned = table.Columns.ToDictionary(column => column.Column.Name, StringComparer.Ordinal);
        var columns = new List<AuditColumn>();
        foreach (var column in table.Table.Columns)
        {
            if (!planned.TryGetValue(column.Name, out var plan))
            {
                columns.Add(new AuditColumn(column.Name, "generated", null, "computed by the target from the copied columns", null, null, null));
                continue;
            }

            var rule = plan.Rule;
            var classification = rule?.Classification?.ToString().ToLowerInvariant();
            var at = rule?.Location.ToString();
            columns.Add((plan.InheritedMask, rule) switch
            {
                ({ } inherited, _) => new AuditColumn(column.Name, "inherited", inherited.Describe(), rule?.Reason, plan.InheritedFrom, classification, at),
                (_, null) => new AuditColumn(column.Name, "unlisted", null, "no rule; copied as it is", null, null, null),
                (_, { IsKeep: true } keep) => new AuditColumn(column.Name, "keep", "keep", keep.Reason, null, classification, at),
                (_, { } own) => new AuditColumn(column.Name, "masked", own.Describe(), own.Reason, null, classification, at),
            });
        }

        return columns;
    }

    private static string Mode(TableMode mode) => mode switch
    {
        TableMode.Masked => "masked",
        TableMode.Raw => "raw",
        _ => "schema only",
    };
}
