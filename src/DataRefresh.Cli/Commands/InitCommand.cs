using System.CommandLine;
using System.Text.RegularExpressions;
using DataRefresh.Cli.Setup;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Scanning;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh init --source prod --target staging</c>: a guided start for a real database. Writes the settings file
/// when there is none (connection strings as <c>${VARIABLE}</c> references, the source marked production), scans the
/// source and drafts a rule file listing every column, writes a job, and prints the next commands. Checks everything it
/// can before connecting, writes nothing until the scan succeeded, and replaces no file without <c>--force</c>.
/// </summary>
internal static partial class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new Option<string>("--source") { Description = "The production environment to read, e.g. prod.", Required = true };
        var target = new Option<string>("--target") { Description = "The environment the job refreshes, e.g. staging (never production).", Required = true };
        var sourceFrom = new Option<string?>("--source-from")
        {
            Description = "For a new settings file: the environment variable holding the source's connection string (never the string itself).",
        };
        var targetFrom = new Option<string?>("--target-from")
        {
            Description = "For a new settings file: the environment variable holding the target's connection string.",
        };
        var provider = new Option<ProviderKind>("--provider") { Description = "The engine of both, for a new settings file.", DefaultValueFactory = _ => ProviderKind.PostgreSql };
        var rules = new Option<string?>("--rules") { Description = "The rule file to draft (default rules/<source>.yaml)." };
        var job = new Option<string?>("--job") { Description = "The job file to write (default jobs/<source>-to-<target>.yaml)." };
        var sample = new Option<int>("--sample") { Description = "Rows sampled per table by the scan.", DefaultValueFactory = _ => ScanCommand.DefaultSample };
        var force = new Option<bool>("--force") { Description = "Replace files that already exist." };
        foreach (var variable in new[] { sourceFrom, targetFrom })
        {
            variable.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string?>() is { } name && !VariableName().IsMatch(name))
                {
                    result.AddError($"{result.Option.Name} takes the name of an environment variable (letters, digits and _), not '{name}'; put the connection string in that variable.");
                }
            });
        }

        var command = new Command("init", "Start a first refresh: settings, a drafted rule file listing every column (from a scan of the source) and a job.")
        {
            source, target, sourceFrom, targetFrom, provider, rules, job, sample, force,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sourceName = parseResult.GetValue(source)!;
            var targetName = parseResult.GetValue(target)!;
            var request = new InitRequest(
                sourceName,
                targetName,
                parseResult.GetValue(sourceFrom),
                parseResult.GetValue(targetFrom),
                parseResult.GetValue(provider),
                parseResult.GetValue(CommonOptions.Config),
                parseResult.GetValue(rules) ?? Path.Combine("rules", $"{sourceName}.yaml"),
                parseResult.GetValue(job) ?? Path.Combine("jobs", $"{sourceName}-to-{targetName}.yaml"),
                parseResult.GetValue(sample),
                parseResult.GetValue(force));
            await FirstRefreshSetup.RunAsync(request, parseResult, console, cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
