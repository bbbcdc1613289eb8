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
using DataRefresh.Providers.PostgreSql.Local;
using Npgsql;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh demo</c>: starts a throwaway PostgreSQL, fills a sample production database, runs the sample job into
/// staging and shows a few rows before and after. Needs nothing but the installed PostgreSQL server binaries.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var job = new Option<string?>("--job") { Description = "The job to run (default: the sample job jobs/nightly-staging.yaml, built into the program)." };
        var customers = new Option<int>("--customers") { Description = "Customers in the sample database.", DefaultValueFactory = _ => 2000 };
        var command = new Command("demo", "Run the sample job against a throwaway local PostgreSQL with a sample production database.") { job, customers };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await RunAsync(parseResult, console, parseResult.GetValue(job), parseResult.GetValue(customers), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task RunAsync(ParseResult parseResult, CliConsole console, string? jobFile, int customers, CancellationToken cancellationToken)
    {
        console.Out.WriteLine("Starting a throwaway PostgreSQL server…");
        await using var cluster = await LocalPostgreSqlCluster.StartAsync(cancellationToken);
        console.Out.WriteLine($"Creating sample database crm_prod with {customers:N0} customers…");
        await SampleDatabase.CreateAsync(cluster.ConnectionString, "crm_prod", customers, cancellationToken);

        // The demo's files and audit record go to a folder of its own, removed with the demo: the record is printed instead.
        var demoFolder = Directory.CreateTempSubdirectory("datarefresh-demo-").FullName;
        var auditFolder = Path.Combine(demoFolder, "audit");
        var settings = new Dictionary<string, string?>
        {
            [AuditSettings.AuditFileSetting] = Path.Combine(auditFolder, "datarefresh-audit.jsonl"),
            [AuditSettings.HistoryFileSetting] = Path.Combine(auditFolder, AuditSettings.DefaultHistoryFileName),
            ["DataRefresh:Environments:prod:Provider"] = "PostgreSql",
            ["DataRefresh:Environments:prod:ConnectionString"] = cluster.ConnectionStringFor("crm_prod"),
            ["DataRefresh:Environments:prod:Production"] = "true",
            ["DataRefresh:Environments:staging:Provider"] = "PostgreSql",
            ["DataRefresh:Environments:staging:ConnectionString"] = cluster.ConnectionStringFor("crm_staging"),
            ["DataRefresh:Environments:staging:Production"] = "false",
        };
        if (Environment.GetEnvironmentVariable(DataRefreshSettings.MaskingKeyVariable) is null && !console.SettingOverrides.ContainsKey(DataRefreshSettings.MaskingKeySetting))
        {
            console.Out.WriteLine($"No {DataRefreshSettings.MaskingKeyVariable} set: using a random key for this demo only.");
            settings[DataRefreshSettings.MaskingKeySetting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }

        try
        {
            jobFile ??= DemoFiles.WriteTo(demoFolder);
            using var services = CommandServices.Create(parseResult, console, settings);
            await services.JobRunner(TimeProvider.System).RunAsync(
                new RunRequest(jobFile, null, RunOrigin.RunCommand()), new ConsoleRunDisplay(console, services.Logger), cancellationToken);
            await ShowSampleAsync(cluster, console.Out, cancellationToken);
            await ShowAuditAsync(services.Audit.HistoryFile, console.Out, cancellationToken);
        }
        finally
        {
            Directory.Delete(demoFolder, recursive: true);
        }
    }

    private static async Task ShowAuditAsync(string historyFile, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine();
        output.WriteLine("Audit record of the run (datarefresh audit):");
        foreach (var json in await new SqliteHistoryStore(historyFile).ReadAuditRecordsAsync(new AuditQuery(), cancellationToken))
        {
            AuditPrinter.Print(AuditJson.Deserialize(json), output);
        }
    }

    /// <summary>Synthetic data only, and only on the screen: the demo shows what masking did to a few customers.</summary>
    private static async Task ShowSampleAsync(LocalPostgreSqlCluster cluster, TextWriter output, CancellationToken cancellationToken)
    {
        const string sql = "SELECT id, first_name, last_name, email, phone, coalesce(ssn, '(null)'), birth_date FROM customers ORDER BY id LIMIT 3";
        foreach (var database in new[] { "crm_prod", "crm_staging" })
        {
            output.WriteLine();
            output.WriteLine($"{database}:");
            await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor(database));
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(index => reader.GetValue(index) switch
                {
                    DateTime date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
                });
                output.WriteLine("  " + string.Join(" | ", values));
            }
        }
    }
}
