using System.Globalization;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Planning;

namespace DataRefresh.Cli.Output;

/// <summary>Prints a plan for people: tables in load order, their estimated rows, and what happens to each column.</summary>
internal static class PlanPrinter
{
    public static void Print(RefreshPlan plan, Core.Planning.Subsets.SubsetPlan? subset, RefreshContext context, TextWriter output)
    {
        var engines = context.CrossEngine ? $"{context.SourceProvider.Kind} -> {context.TargetProvider.Kind}" : context.SourceProvider.Kind.ToString();
        output.WriteLine($"Plan for job '{context.Job.Name}': {context.Source.Name} -> {context.Target.Name} ({engines})");
        output.WriteLine($"  source: {context.SourceProvider.DescribeConnection(context.Source.ConnectionString)} (read-only snapshot)");
        output.WriteLine($"  target: {context.TargetProvider.DescribeConnection(context.Target.ConnectionString)} (loaded into a side database, then swapped in)");
        if (context.Job.Subset is { } definition)
        {
            output.WriteLine($"  subset: roots {string.Join("; ", definition.Roots.Select(root => $"{root.Table} ({root.Describe()})"))}; children to depth {definition.ChildrenDepth}; tables not reached: {definition.Unreached.ToString().ToLowerInvariant()}");
        }

        output.WriteLine($"  parallelism {context.Job.Parallelism}, batch size {context.Job.BatchSize:N0}, rules: {string.Join(", ", context.Job.RuleFiles)}");
        foreach (var unverified in context.Unverified)
        {
            output.WriteLine($"  UNVERIFIED provider: {unverified}");
        }

        output.WriteLine();
        output.WriteLine("Load order (largest first; indexes, constraints and triggers are built after the load):");

        var width = Math.Max(5, plan.Tables.Max(table => (int?)table.Table.Name.ToString().Length) ?? 0);
        var number = 0;
        foreach (var table in plan.Tables)
        {
            number++;
            var rows = table.Table.EstimatedRows.ToString("N0", CultureInfo.InvariantCulture);
            output.WriteLine($"  {number,3}  {table.Table.Name.ToString().PadRight(width)}  ~{rows,12} rows  {Mode(table)}");
            if (subset?.For(table.Table.Name) is { } chosen)
            {
                var count = chosen.Rows is { } chosenRows ? chosenRows.ToString("N0", CultureInfo.InvariantCulture) + " rows" : "every row";
                output.WriteLine($"         subset: {count}, {chosen.How}");
            }
            foreach (var column in table.Columns.Where(column => column.IsMasked))
            {
                var inherited = column.InheritedFrom is null ? "" : $"  (inherited from {column.InheritedFrom})";
                var unique = column.Unique ? "  [unique]" : "";
                output.WriteLine($"         {column.Column.Name,-24} {column.Column.DataType,-28} {column.Mask!.Describe()}{unique}{inherited}");
            }

            if (table.Where is not null)
            {
                output.WriteLine($"         where {table.Where}");
            }

            foreach (var parent in table.ParentFilters)
            {
                output.WriteLine($"         only rows whose {parent.ForeignKey.Name} parent in {parent.Parent.Table.Name} is copied");
            }
        }

        if (plan.LargeObjects is { } largeObjects)
        {
            output.WriteLine($"  {largeObjects}");
        }

        output.WriteLine();
        var raw = plan.Tables.Count(table => table.CopiesRows && table.IsRaw);
        output.WriteLine($"{plan.MaskedColumnCount} masked columns in {plan.Tables.Count(table => !table.IsRaw)} tables; {raw} tables stream raw; " +
            $"{plan.Tables.Count(table => !table.CopiesRows)} schema only. Nothing was written.");
    }

    private static string Mode(TablePlan table) => table switch
    {
        { CopiesRows: false } => "schema only (rows: none)",
        { IsRaw: true } => "raw",
        _ => $"masked ({table.Columns.Count(column => column.IsMasked)} columns)",
    };
}
