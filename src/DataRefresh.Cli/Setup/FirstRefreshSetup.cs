using System.CommandLine;
using DataRefresh.Cli.Commands;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Scanning;

namespace DataRefresh.Cli.Setup;

/// <summary>
/// What <c>init</c> does, in the order that keeps failures harmless: refuse what can be refused without a database, scan
/// the source, and only then write the files.
/// </summary>
internal static class FirstRefreshSetup
{
    public static async Task RunAsync(InitRequest request, ParseResult parseResult, CliConsole console, CancellationToken cancellationToken)
    {
        RefuseBeforeConnecting(request);
        var settingsJson = request.WritesSettings ? SettingsFileText.For(request) : null;
        using var services = settingsJson is null
            ? CommandServices.Create(parseResult, console)
            : CommandServices.CreateFromText(console, settingsJson, $"the settings init is about to write to {request.SettingsFile}");
        var source = services.Settings.GetEnvironment(request.Source);
        var target = services.Settings.GetEnvironment(request.Target);
        await RefuseProductionTargetAsync(services, source, target, cancellationToken);
        if (!source.Production)
        {
            console.Out.WriteLine($"Note: environment '{source.Name}' is not marked \"Production\": true in {services.Origin}; mark it, so that no job can ever write to it.");
        }

        var provider = services.Providers.Get(source);
        console.Out.WriteLine($"Scanning {source.Name} ({provider.DescribeConnection(source.ConnectionString)}): up to {request.SampleRows:N0} rows per table, names and evidence only…");
        await using var catalog = await provider.OpenCatalogAsync(source, cancellationToken);
        var findings = await DatabaseScan.ScanAsync(catalog, request.SampleRows, services.Logger, cancellationToken);

        FileWriting.Create(
            request.RulesFile,
            output => RuleDraftWriter.WriteComplete(output, catalog.Schema, findings, request.SampleRows, $"environment '{source.Name}'"),
            overwrite: request.Force);
        FileWriting.Create(request.JobFile, output => output.Write(JobFileText.For(request)), overwrite: request.Force);
        if (settingsJson is not null)
        {
            FileWriting.Create(request.SettingsFile, output => output.Write(settingsJson), overwrite: request.Force);
        }

        PrintNextSteps(request, catalog.Schema.Tables.Sum(table => table.Columns.Count), findings, console.Out);
    }

    private static void RefuseBeforeConnecting(InitRequest request)
    {
        if (string.Equals(request.Source, request.Target, StringComparison.OrdinalIgnoreCase))
        {
            throw new DataRefreshException(ExitCodes.Usage, $"--source and --target are both '{request.Source}'; a refresh writes its target, so name another environment for --target.");
        }

        if (request.WritesSettings && (request.SourceFrom is null || request.TargetFrom is null))
        {
            throw new DataRefreshException(ExitCodes.Usage, "a new settings file needs both --source-from and --target-from (the environment variables holding the two connection strings).");
        }

        var settingsExists = File.Exists(request.SettingsFile);
        if (!request.WritesSettings && !settingsExists)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"there is no {request.SettingsFile} yet; pass --source-from and --target-from with the names of the environment variables that hold the " +
                "two connection strings, and init writes it (the strings stay in the variables).");
        }

        var existing = new List<string>();
        if (request.WritesSettings && settingsExists)
        {
            existing.Add(request.SettingsFile);
        }

        existing.AddRange(new[] { request.RulesFile, request.JobFile }.Where(File.Exists));
        if (existing.Count > 0 && !request.Force)
        {
            var which = string.Join(" and ", existing.Select(path => $"'{path}'"));
            var hint = request.WritesSettings && settingsExists
                ? $" (to keep {request.SettingsFile}, define the environments there and leave out --source-from and --target-from)"
                : "";
            throw new DataRefreshException(ExitCodes.Usage, $"{which} already exist{(existing.Count == 1 ? "s" : "")}; pass --force to replace, or choose other files with --rules and --job{hint}.");
        }
    }

    private static async Task RefuseProductionTargetAsync(CommandServices services, EnvironmentSettings source, EnvironmentSettings target, CancellationToken cancellationToken)
    {
        if (target.Production)
        {
            throw new DataRefreshException(
                ExitCodes.ProductionGuard,
                $"refusing to write a job whose target is environment '{target.Name}': it is marked \"Production\": true in {services.Origin}, and production can only be a source. Choose a non-production --target.");
        }

        var candidates = services.Settings.ProductionEnvironments().Append(source);
        if (await ProductionGuard.FindAtSameAddressAsync(target, candidates, services.Providers.Get(target), cancellationToken) is { } production)
        {
            throw new DataRefreshException(
                ExitCodes.ProductionGuard,
                $"refusing to write a job whose target is environment '{target.Name}': its connection string leads to the same server and database as '{production.Name}', which a refresh must only read. Point --target at another database.");
        }
    }

    private static void PrintNextSteps(InitRequest request, int columns, IReadOnlyList<ScanFinding> findings, TextWriter output)
    {
        var masked = findings.Count(finding => finding.Suggestion.Mask is not null);
        var undecided = findings.Count - masked;
        var config = request.ConfigFile is null ? "" : $" --config {request.ConfigFile}";
        output.WriteLine();
        if (request.WritesSettings)
        {
            output.WriteLine($"Wrote {request.SettingsFile}: {request.Source} (production, connection string from ${{{request.SourceFrom}}}) and {request.Target} (from ${{{request.TargetFrom}}}).");
        }

        output.WriteLine($"Wrote {request.RulesFile}: a DRAFT listing all {columns} columns — {masked} masked as the scan suggests, {columns - findings.Count} kept" +
            (undecided > 0 ? $", {undecided} left for you to decide (commented out: until decided they stop the run)." : "."));
        output.WriteLine($"Wrote {request.JobFile}: {request.Source} -> {request.Target} with those rules.");
        output.WriteLine();
        output.WriteLine("Next:");
        output.WriteLine($"  1. Set the masking key where DataRefresh runs: {DataRefreshSettings.MaskingKeyVariable}=<a secret of 16+ characters, kept stable and out of files>.");
        output.WriteLine($"  2. Review {request.RulesFile}: check every rule against what the column holds, then delete its 'draft:' line.");
        output.WriteLine($"     datarefresh plan {request.JobFile}{config}   # what a run would do (works on the draft)");
        output.WriteLine($"     datarefresh report --job {request.JobFile}{config}   # every column's decision, for the reviewer");
        output.WriteLine($"  3. datarefresh validate --job {request.JobFile}{config}   # the reviewed rules against the live schema");
        output.WriteLine($"  4. datarefresh run {request.JobFile}{config}   # the first refresh");
    }
}
