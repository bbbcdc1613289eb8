using System.CommandLine;
using System.Text;
using DataRefresh.Cli.Output.Report;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Reporting;
using DataRefresh.Core.Rules;

namespace DataRefresh.Cli.Commands;

/// <summary>
/// <c>datarefresh report</c>: every column of an environment's live schema and what the rules do with it, as Markdown,
/// HTML or CSV, optionally with the changes since older rules. Describes rules and schema only; never reads a row.
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliConsole console)
    {
        var source = new RuleSourceOptions();
        var format = new Option<string>("--format") { Description = "md, html or csv.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "html", "csv");
        var output = new Option<string?>("--output") { Description = "Write the report to this file instead of standard output." };
        var diff = new Option<string[]>("--diff")
        {
            Description = "Older rule files to compare with: adds a Changes section.",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("report", "Describe how every column of an environment's live schema is masked, for review (md, html or csv).")
        {
            format, output, diff,
        };
        source.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CommandServices.Create(parseResult, console);
            var rules = source.Resolve(parseResult, services.Settings, services.Providers);
            var oldFiles = parseResult.GetValue(diff) ?? [];
            var oldRules = oldFiles.Length > 0 ? RuleFileLoader.Load(oldFiles, services.Providers.Get(rules.Environment).DefaultSchema) : null;

            var report = await rules.CheckAsync(services, TimeProvider.System, cancellationToken);
            if (oldRules is not null)
            {
                report = report with { Changes = RuleDiff.Compare(oldRules, rules.Rules, report.Tables) };
            }

            var text = new StringWriter();
            Render(parseResult.GetValue(format)!, report, text);
            if (parseResult.GetValue(output) is { } file)
            {
                await WriteAsync(file, text.ToString(), cancellationToken);
                console.Out.WriteLine($"Wrote the report ({report.Coverage.Columns} columns in {report.Coverage.Tables} tables) to {file}.");
            }
            else
            {
                await console.Out.WriteAsync(text.ToString());
            }

            var errors = report.Findings.Count(finding => finding.Severity == FindingSeverity.Error);
            if (errors > 0)
            {
                console.Error.WriteLine($"warning: the rules have {errors} error{(errors == 1 ? "" : "s")} against '{report.Environment}' (listed under Findings); a run would refuse to start.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(string file, string text, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // These messages name the path and the reason only; the report itself is never in them.
            throw new DataRefreshException(ExitCodes.Usage, $"Cannot write the report to '{file}': {exception.Message} Pass another --output.", exception);
        }
    }

    private static void Render(string format, RuleReport report, TextWriter output)
    {
        switch (format)
        {
            case "html":
                HtmlReportRenderer.Render(report, output);
                break;
            case "csv":
                CsvReportRenderer.Render(report, output);
                break;
            default:
                MarkdownReportRenderer.Render(report, output);
                break;
        }
    }
}
