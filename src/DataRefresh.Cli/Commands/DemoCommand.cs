using System.CommandLine;
using System.Security.Cryptography;
using DataRefresh.Cli.Demo;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Runs;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh demo</c>: fills a sample production database, runs the sample job into staging and shows a few rows
/// before and after, and the run's audit record. By default on SQLite files, which needs nothing but .NET; with
/// <c>--engine postgresql</c> on a throwaway PostgreSQL server started from the installed server binaries.
/// </summary>
internal static class DemoCommand
{
    private const int ShownCustomers = 3;

    public static Command Create(CliConsole console)
    {
        var job = new Option<string?>("--job") { Description = "The job to run (default: the engine's sample job, built into the program: jobs/sqlite-demo/demo-sqlite.yaml or jobs/nightly-staging.yaml)." };
        var customers = new Option<int>("--customers") { Description = "Customers in the sample database.", DefaultValueFactory = _ => 2000 };
        var engine = new Option<string>("--engine") { Description = "Where the sample databases live: sqlite (files, needs nothing else) or postgresql (a throwaway local server).", DefaultValueFactory = _ => "sqlite" };
        engine.AcceptOnlyFromAmong("sqlite", "postgresql");
        var command = new Command("demo", "Run a sample job from a sample production database into staging, and show what masking did.") { job, customers, engine };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await RunAsync(parseResult, console, parseResult.GetValue(job), parseResult.GetValue(customers), parseResult.GetValue(engine)!, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task RunAsync(ParseResult parseResult, CliConsole console, string? jobFile, int customers, string engineName, CancellationToken cancellationToken)
    {
        // The demo's files and audit record go to a folder of its own, removed with the demo: the record is printed instead.
        var demoFolder = Directory.CreateTempSubdirectory("datarefresh-demo-").FullName;
        try
        {
            console.Out.WriteLine(engineName == "postgresql" ? "Starting a throwaway PostgreSQL server…" : "Using SQLite files in a temporary folder…");
            await using DemoEngine engine = engineName == "postgresql" ? await PostgreSqlDemo.StartAsync(cancellationToken) : new SqliteDemo(demoFolder);
            console.Out.WriteLine($"Creating the sample production database with {customers:N0} customers…");
            await engine.CreateSampleAsync(customers, cancellationToken);

            var auditFolder = Path.Combine(demoFolder, "audit");
            var settings = new Dictionary<string, string?>(engine.Environments)
            {
                [AuditSettings.AuditFileSetting] = Path.Combine(auditFolder, "datarefresh-audit.jsonl"),
                [AuditSettings.HistoryFileSetting] = Path.Combine(auditFolder, AuditSettings.DefaultHistoryFileName),
                [DataRefreshSettings.SnapshotsFolderSetting] = Path.Combine(demoFolder, "snapshots"),
            };
            if (Environment.GetEnvironmentVariable(DataRefreshSettings.MaskingKeyVariable) is null && !console.SettingOverrides.ContainsKey(DataRefreshSettings.MaskingKeySetting))
            {
                console.Out.WriteLine($"No {DataRefreshSettings.MaskingKeyVariable} set: using a random key for this demo only.");
                settings[DataRefreshSettings.MaskingKeySetting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            }

            var snapshotJob = jobFile is null && engine.SnapshotJobFile is { } snapshotFile ? Path.Combine(demoFolder, snapshotFile) : null;
            jobFile ??= DemoFiles.WriteTo(demoFolder, engine.JobFile);
            using var services = CommandServices.Create(parseResult, console, settings);
            await services.JobRunner(TimeProvider.System).RunAsync(
                new RunRequest(jobFile, null, RunOrigin.RunCommand()), new ConsoleRunDisplay(console, services.Logger), cancellationToken);
            foreach (var environment in new[] { DemoEngine.Production, DemoEngine.Staging })
            {
                console.Out.WriteLine();
                console.Out.WriteLine($"{environment}:");
                foreach (var row in await engine.ReadCustomersAsync(environment, ShownCustomers, cancellationToken))
                {
                    console.Out.WriteLine("  " + row);
                }
            }

            if (snapshotJob is not null)
            {
                await ShowSnapshotAsync(services, snapshotJob, console, cancellationToken);
            }

            await ShowAuditAsync(services.Audit.HistoryFile, console.Out, cancellationToken);
        }
        finally
        {
            Directory.Delete(demoFolder, recursive: true);
        }
    }

    /// <summary>The demo's snapshot job: a masked, referentially whole subset of production, as a developer would get it.</summary>
    private static async Task ShowSnapshotAsync(CommandServices services, string jobFile, CliConsole console, CancellationToken cancellationToken)
    {
        console.Out.WriteLine();
        console.Out.WriteLine($"A subset snapshot for a developer ({Path.GetFileName(jobFile)}: a tenth of the customers, their orders and payments, and every row those reference):");
        var result = await services.JobRunner(TimeProvider.System).RunAsync(
            new RunRequest(jobFile, null, RunOrigin.RunCommand()) { RequestedFor = Environment.UserName }, new ConsoleRunDisplay(console, services.Logger), cancellationToken);
        foreach (var table in result.Snapshot!.Tables)
        {
            console.Out.WriteLine($"  {table.Table.Name,-24} {table.Rows,8:N0} rows");
        }
    }

    private static async Task ShowAuditAsync(string historyFile, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine("Audit records of the runs (datarefresh audit):");
        foreach (var json in await new SqliteHistoryStore(historyFile).ReadAuditRecordsAsync(new AuditQuery(), cancellationToken))
        {
            AuditPrinter.Print(AuditJson.Deserialize(json), output);
        }
    }
}
