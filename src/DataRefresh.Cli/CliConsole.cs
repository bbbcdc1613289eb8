using Spectre.Console;

namespace DataRefresh.Cli;

/// <summary>
/// Where the program writes and what extra settings it sees. The process uses the real console; tests pass writers and
/// settings of their own, so they run the same code in-process without touching process-wide environment variables.
/// </summary>
/// <param name="Terminal">
/// Standard error as a terminal, when it is one: progress bars and log lines share it through Spectre.Console, which keeps
/// the bars below the lines. Null when standard error is redirected (cron, CI, a file): then progress is plain log lines.
/// </param>
/// <param name="Input">Standard input for commands that read a secret from it (<c>user add</c>); null: the process's own.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole? Terminal, IReadOnlyDictionary<string, string?> SettingOverrides, TextReader? Input = null)
{
    public static CliConsole System => new(
        Console.Out,
        Console.Error,
        Console.IsErrorRedirected ? null : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        new Dictionary<string, string?>());
}
