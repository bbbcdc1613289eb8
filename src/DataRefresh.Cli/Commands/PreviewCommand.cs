using System.CommandLine;
using System.Globalization;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh preview --rules &lt;files&gt; --env &lt;name&gt; --table &lt;table&gt;</c>: a before/after sample of one table's
/// masked columns, on the terminal only. The original values are written to this command's standard output and nowhere
/// else — never to the log, a file or a database — so a reviewer can see what a rule does to real data.
/// </summary>
internal static class PreviewCommand
{
    public static Command Create(CliConsole console)
    {
        var environment = new Option<string>("--env") { Description = "The environment to read from, as named in the settings.", Required = true };
        var rules = new Option<string[]>("--rules") { Description = "Rule files (several allowed).", Required = true, AllowMultipleArgumentsPerToken = true };
        var table = new Option<string>("--table") { Description = "The table to preview, e.g. public.customers.", Required = true };
        var rows = new Option<int>("--rows") { Description = "Rows to show.", DefaultValueFactory = _ => 10 };
        rows.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                result.AddError("--rows must be between 1 and 1000.");
            }
        });
        var command = new Command("preview", "Show a before/after sample of one table's masked columns (on the terminal only).") { environment, rules, table, rows };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var source = services.Settings.GetEnvironment(parseResult.GetValue(environment)!);
            var provider = services.Providers.Get(source);
            var ruleSet = RuleFileLoader.Load(parseResult.GetValue(rules)!, provider.DefaultSchema);
            var key = services.Settings.RequireMaskingKey();
            var name = QualifiedName.Parse(parseResult.GetValue(table)!, provider.DefaultSchema);

            await using var catalog = await provider.OpenCatalogAsync(source, cancellationToken);
            var plan = RefreshPlanner.Plan(catalog.Schema, ruleSet);
            var tablePlan = plan.Tables.FirstOrDefault(candidate => candidate.Table.Name == name)
                ?? throw new DataRefreshException(ExitCodes.Usage, $"The source has no table {name}{DidYouMean.Hint(name.ToString(), plan.Tables.Select(candidate => candidate.Table.Name.ToString()))}.");
            var sample = await catalog.SampleRowsAsync(tablePlan.Table, parseResult.GetValue(rows), cancellationToken);
            Print(tablePlan, sample, new MaskingSession(key).CreateRowMasker(tablePlan), console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(TablePlan plan, IReadOnlyList<object?[]> sample, RowMasker masker, TextWriter output)
    {
        var masked = plan.Columns.Select((column, index) => (column, index)).Where(pair => pair.column.IsMasked).ToList();
        output.WriteLine($"Preview of {plan.Table.Name}: {sample.Count} sampled rows, {masked.Count} masked columns (unique-column collision redraws are not applied here).");
        if (masked.Count == 0)
        {
            return;
        }

        // Sampled rows hold every column of the table; the plan leaves generated ones out.
        var positions = plan.Columns.Select(column => plan.Table.Columns.ToList().FindIndex(info => info.Name == column.Column.Name)).ToArray();
        var originals = new object?[plan.Columns.Count];
        var results = new object?[plan.Columns.Count];
        var width = masked.Max(pair => pair.column.Column.Name.Length);
        for (var row = 0; row < sample.Count; row++)
        {
            for (var index = 0; index < positions.Length; index++)
            {
                originals[index] = sample[row][positions[index]];
            }

            _ = masker.Mask(originals, results);
            output.WriteLine($"row {row + 1}");
            foreach (var (column, index) in masked)
            {
                output.WriteLine($"  {column.Column.Name.PadRight(width)}  {Show(originals[index])}  ->  {Show(results[index])}");
            }
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => $"<{bytes.Length} bytes>",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
