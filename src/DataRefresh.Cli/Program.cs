namespace DataRefresh.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        Core.Configuration.ProcessCulture.UseInvariant();
        return DataRefreshCli.RunAsync(args, CliConsole.System);
    }
}
