namespace DataRefresh.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => DataRefreshCli.RunAsync(args, CliConsole.System);
}
