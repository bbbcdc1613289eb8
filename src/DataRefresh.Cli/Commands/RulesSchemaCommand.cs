using System.CommandLine;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Rules;

namespace DataRefresh.Cli.Commands;

/// <summary><c>datarefresh rules-schema</c>: prints the JSON Schema of rule files (shipped as rules/datarefresh-rules.schema.json).</summary>
internal static class RulesSchemaCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("rules-schema", $"Print the JSON Schema of rule files (the copy in rules/{RuleFileJsonSchema.FileName} is this output).");
        command.SetAction(_ =>
        {
            console.Out.Write(RuleFileJsonSchema.Generate());
            return ExitCodes.Success;
        });
        return command;
    }
}
