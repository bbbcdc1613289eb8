using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Approvals;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Scanning;
using DataRefresh.History;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh scan --env &lt;name&gt;</c>: reads a sample of every table inside a read-only catalog, flags columns that
/// look sensitive by name or content, and says which ones the given rule files leave uncovered; optionally drafts rules
/// for those. Prints names, rules and evidence only, never a sampled value; writes nothing to the scanned database, and
/// keeps the findings (the same names and evidence) in the history store for the console's Rule review.
/// </summary>
internal static class ScanCommand
{
    public const int DefaultSample = 1000;

    public static Command Create(CliConsole console)
    {
        var environment = new Option<string>("--env") { Description = "The environment to scan, as named in the settings (e.g. prod).", Required = true };
        var sample = new Option<int>("--sample") { Description = "Rows sampled per table, spread over the table.", DefaultValueFactory = _ => DefaultSample };
        sample.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                result.AddError("--sample must be between 1 and 1000000 rows.");
            }
        });
        var rules = new Option<string[]>("--rules")
        {
            Description = "Rule files whose rules count as covering a column (several allowed).",
            AllowMultipleArgumentsPerToken = true,
        };
        var writeRules = new Option<string?>("--write-rules") { Description = "Write a draft rule file for the columns no rule covers." };
        var force = new Option<bool>("--force") { Description = "Let --write-rules replace an existing file." };
        var command = new Command("scan", "Find columns that look sensitive (by name and by a sample of values) and show which rules cover them.")
        {
            environment, sample, rules, writeRules, force,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            return await RunAsync(
                services,
                console,
                parseResult.GetValue(environment)!,
                parseResult.GetValue(sample),
                parseResult.GetValue(rules) ?? [],
                parseResult.GetValue(writeRules),
                parseResult.GetValue(force),
                cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        CommandServices services, CliConsole console, string environmentName, int sampleRows, string[] ruleFiles, string? draftFile, bool force, CancellationToken cancellationToken)
    {
        // Everything that can be wrong without a database is checked before connecting.
        var environment = services.Settings.GetEnvironment(environmentName);
        var coverage = new RuleCoverage(RuleFileLoader.Load(ruleFiles, services.Providers.Get(environment).DefaultSchema).Tables);
        if (draftFile is not null)
        {
            FileWriting.EnsureWritable(draftFile, force);
        }

        var provider = services.Providers.Get(environment);
        IReadOnlyList<ScanFinding> findings;
        int tables;
        int columns;
        await using (var catalog = await provider.OpenCatalogAsync(environment, cancellationToken))
        {
            tables = catalog.Schema.Tables.Count;
            columns = catalog.Schema.Tables.Sum(table => table.Columns.Count);
            findings = await DatabaseScan.ScanAsync(catalog, sampleRows, services.Logger, cancellationToken);
        }

        var report = findings.Select(finding => (Finding: finding, CoveredBy: coverage.Covering(finding.Table, finding.Column))).ToList();
        ScanPrinter.Print(report, environment.Name, tables, columns, sampleRows, ruleFiles, console.Out);
        await KeepAsync(services, console, ScanRecord.Of(environment.Name, TimeProvider.System.GetUtcNow(), sampleRows, findings), cancellationToken);

        var uncovered = report.Where(line => line.CoveredBy is null).Select(line => line.Finding).ToList();
        if (draftFile is not null)
        {
            FileWriting.Create(draftFile, output => RuleDraftWriter.Write(output, uncovered, $"environment '{environment.Name}'"), overwrite: force);
            console.Out.WriteLine($"Draft rules for {uncovered.Count(finding => finding.Suggestion.Mask is not null)} column(s) written to {draftFile}: review them before use.");
        }

        return uncovered.Count == 0 ? ExitCodes.Success : ExitCodes.UncoveredSensitiveColumns;
    }

    /// <summary>
    /// Keeps the findings (names and evidence, no value) as the environment's latest scan, for the console's Rule review.
    /// A history store that cannot be written costs the scan nothing: what it found is printed already.
    /// </summary>
    private static async Task KeepAsync(CommandServices services, CliConsole console, ScanRecord scan, CancellationToken cancellationToken)
    {
        var store = HistoryStores.Open(services.Audit);
        try
        {
            await store.SaveScanAsync(scan, cancellationToken);
            await console.Out.WriteLineAsync($"Findings kept for the console's Rule review in {store.Location}.");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            services.Logger.Warning("The scan's findings were not kept in the history store {History} ({Reason}); the console's Rule review goes on suspecting columns by name", store.Location, exception.Message);
        }
    }
}
