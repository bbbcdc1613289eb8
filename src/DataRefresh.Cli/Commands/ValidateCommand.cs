using System.CommandLine;
using DataRefresh.Cli.Output;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh validate --rules &lt;files…&gt; --env &lt;env&gt;</c> (or <c>--job</c>): match rules against a live schema,
/// read-only, and print every finding. Exit 0 without errors (warnings allowed), 5 with any.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new RuleSourceOptions();
        var command = new Command("validate", "Check rule files against an environment's live schema (read-only) and list every problem.");
        source.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var rules = source.Resolve(parseResult, services.Settings, services.Providers);
            rules.Rules.EnsureReviewed("validate");
            var report = await rules.CheckAsync(services, TimeProvider.System, cancellationToken);
            ValidationPrinter.Print(report, console.Out);
            return report.Findings.Any(finding => finding.Severity == FindingSeverity.Error) ? ExitCodes.RulesDoNotMatchSchema : ExitCodes.Success;
        });
        return command;
    }
}
