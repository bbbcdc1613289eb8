namespace DataRefresh.Cli;

/// <summary>
/// Where the program writes and what extra settings it sees. The process uses the real console; tests pass writers and
/// settings of their own, so they run the same code in-process without touching process-wide environment variables.
/// </summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive, IReadOnlyDictionary<string, string?> SettingOverrides)
{
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsErrorRedirected, new Dictionary<string, string?>());
}
