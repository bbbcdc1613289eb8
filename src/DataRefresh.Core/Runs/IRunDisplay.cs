using DataRefresh.Core.Pipeline;

namespace DataRefresh.Core.Runs;

/// <summary>
/// Where a host shows a run while it happens and when it succeeded: the command line on its console, a web page in its
/// own way. Failures are not shown here; they are thrown, already recorded, for the host to report.
/// </summary>
public interface IRunDisplay
{
    /// <summary>Starts showing the run's progress; disposing stops it before the run's outcome is reported.</summary>
    IAsyncDisposable ShowProgress(RefreshProgress progress);

    /// <summary>What a successful run did, shown before its records are completed.</summary>
    void ShowSummary(RefreshResult result, RefreshContext context);
}
