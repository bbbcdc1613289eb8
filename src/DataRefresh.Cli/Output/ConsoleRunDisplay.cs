using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Runs;
using Serilog;

namespace DataRefresh.Cli.Output;

/// <summary>A run on the console: the progress line (or log lines when redirected), then the table-by-table summary.</summary>
internal sealed class ConsoleRunDisplay(CliConsole console, ILogger logger) : IRunDisplay
{
    public IAsyncDisposable ShowProgress(RefreshProgress progress) => new ProgressDisplay(progress, console, logger);

    public void ShowSummary(RefreshResult result, RefreshContext context) => RunSummary.Print(result, context, console.Out);
}
