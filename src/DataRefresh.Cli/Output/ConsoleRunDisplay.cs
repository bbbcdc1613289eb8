using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Runs;
using Serilog;

namespace DataRefresh.Cli.Output;

/// <summary>A run on the console: progress bars on a terminal (log lines when redirected), then the table-by-table summary.</summary>
internal sealed class ConsoleRunDisplay(CliConsole console, ILogger logger) : IRunDisplay
{
    public IAsyncDisposable ShowProgress(RefreshProgress progress) =>
        console.Terminal is { } terminal ? new TerminalProgress(progress, terminal) : new LoggedProgress(progress, logger);

    public void ShowSummary(RefreshResult result, RefreshContext context) => RunSummary.Print(result, context, console.Out);
}
