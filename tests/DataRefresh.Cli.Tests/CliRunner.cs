using System.Text.Json;

namespace DataRefresh.Cli.Tests;

/// <summary>Runs the real command line in-process with its own settings file and captured output.</summary>
internal sealed class CliRunner : IDisposable
{
    public const string MaskingKey = "integration-test-masking-key-7f3a9c";


    public string SettingsFile { get; private set; } = "";

    public string AllOutput { get; private set; } = "";

    /// <summary>The audit's JSON-lines file and history store of this runner's runs, in its own folder.</summary>
    public string AuditFile => Path.Combine(Folder, "audit", "datarefresh-audit.jsonl");

    public string HistoryFile => Path.Combine(Folder, "audit", "history.db");

    /// <summary>Where snapshot jobs write: inside the runner's folder, so no test leaves snapshots behind.</summary>
    public string SnapshotsFolder => Path.Combine(Folder, "snapshots");

    /// <summary>Writes appsettings with the given PostgreSQL environments: name → (connection string, production).</summary>
    public void UseEnvironments(params (string Name, string ConnectionString, bool Production)[] environments) =>
        UseEnvironments([.. environments.Select(environment => (environment.Name, "PostgreSql", environment.ConnectionString, environment.Production))]);

    /// <summary>Writes appsettings with the given environments of any engine: name → (provider, connection string, production).</summary>
    public void UseEnvironments(params (string Name, string Provider, string ConnectionString, bool Production)[] environments)
    {
        var settings = new
        {
            DataRefresh = new
            {
                Environments = environments.ToDictionary(
                    environment => environment.Name,
                    environment => new { environment.Provider, environment.ConnectionString, environment.Production }),
                Audit = new { File = AuditFile },
                History = new { File = HistoryFile },
                Snapshots = new { Folder = SnapshotsFolder },
            },
        };
        SettingsFile = Path.Combine(Folder, "appsettings.json");
        File.WriteAllText(SettingsFile, JsonSerializer.Serialize(settings));
    }

    /// <summary>The runner's own folder, for files a command writes.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("datarefresh-cli-").FullName;

    /// <summary>Points --config at a settings file that does not exist yet, for a command that writes it (init).</summary>
    public void UseNewSettingsFile()
    {
        SettingsFile = Path.Combine(Folder, "appsettings.json");
        File.Delete(SettingsFile);
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, bool withMaskingKey = true) =>
        RunAsync(args, withMaskingKey ? new Dictionary<string, string?> { ["DataRefresh:MaskingKey"] = MaskingKey } : [], TestContext.Current.CancellationToken);

    /// <summary>Runs with exactly these setting overrides (no masking key unless given) and a token the test may cancel.</summary>
    /// <param name="terminal">A terminal to draw on (Spectre's TestConsole), or null for output redirected as in cron.</param>
    /// <param name="input">What the command reads from standard input (a password), or null for nothing.</param>
    public async Task<(int ExitCode, string Out, string Error)> RunAsync(
        string[] args, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken, Spectre.Console.IAnsiConsole? terminal = null, string? input = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, terminal, settings, new StringReader(input ?? ""));
        var exitCode = await DataRefreshCli.RunAsync([.. args, "--config", SettingsFile], console, cancellationToken);
        AllOutput += output + error.ToString();
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
