using System.CommandLine;
using System.Text.RegularExpressions;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// docs/commands.md and the program describe the same commands and options: each command has a section
/// (<c>## `datarefresh name …`</c>) whose table lists its options (<c>| `--option` |</c>), and nothing else is listed.
/// </summary>
public sealed partial class CommandsDocumentationTests
{
    // Every command takes these; the page says so once, at the top.
    private static readonly string[] Everywhere = ["--config", "--help", "-h", "-?"];

    [Fact]
    public void Every_command_and_option_is_documented_and_everything_documented_exists()
    {
        var root = DataRefreshCli.Build(new CliConsole(TextWriter.Null, TextWriter.Null, Terminal: null, new Dictionary<string, string?>()));
        var program = root.Subcommands.ToDictionary(command => command.Name, command => Options(command).ToHashSet());
        var documented = DocumentedCommands(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "commands.md")));

        var problems = new List<string>();
        problems.AddRange(program.Keys.Except(documented.Keys).Select(command => $"command '{command}' has no section in docs/commands.md"));
        problems.AddRange(documented.Keys.Except(program.Keys).Select(command => $"docs/commands.md documents a command '{command}' the program does not have"));
        foreach (var (command, options) in program.Where(entry => documented.ContainsKey(entry.Key)))
        {
            problems.AddRange(options.Except(documented[command]).Select(option => $"{command} {option} is not in its table in docs/commands.md"));
            problems.AddRange(documented[command].Except(options).Select(option => $"docs/commands.md lists {command} {option}, which the program does not have"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("--version", root.Options.SelectMany(option => option.Aliases.Prepend(option.Name)));
    }

    private static IEnumerable<string> Options(Command command) =>
        command.Options.Select(option => option.Name).Except(Everywhere);

    private static Dictionary<string, HashSet<string>> DocumentedCommands(string markdown)
    {
        var commands = new Dictionary<string, HashSet<string>>();
        HashSet<string>? current = null;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                current = CommandHeading().Match(line) is { Success: true } heading ? commands[heading.Groups[1].Value] = [] : null;
            }
            else if (current is not null && line.StartsWith("| `-", StringComparison.Ordinal))
            {
                // A row may name several options that share a meaning: | `--rules`, `--env`, `--job` | …
                var cell = line.Split('|')[1];
                current.UnionWith(OptionName().Matches(cell).Select(match => match.Groups[1].Value));
            }
        }

        return commands;
    }

    [GeneratedRegex(@"^## `datarefresh ([a-z-]+)")]
    private static partial Regex CommandHeading();

    [GeneratedRegex(@"`(--?[a-z-]+)`")]
    private static partial Regex OptionName();
}
