using DataRefresh.Cli.Commands;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.History;

namespace DataRefresh.Cli.Serving;

/// <summary>The history store as <c>serve</c> and <c>trigger</c> use it, ready before anything relies on it.</summary>
internal static class ServeStores
{
    public static async Task<IHistoryStore> OpenHistoryAsync(CommandServices services, CancellationToken cancellationToken = default)
    {
        var history = HistoryStores.Open(services.Audit);
        try
        {
            await history.EnsureReadyAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && services.Audit.HistoryConnectionString is not null)
        {
            throw new DataRefreshException(
                ExitCodes.DatabaseUnavailable,
                $"cannot reach the history store {history.Location} ({exception.GetType().Name}); check that the server is up and {AuditSettings.HistoryConnectionSetting} " +
                "(or DataRefresh:Scheduler:ConnectionString, which it defaults to).",
                exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new DataRefreshException(
                ExitCodes.Configuration,
                $"cannot use the history store {history.Location} ({exception.GetType().Name}); set {AuditSettings.HistoryFileSetting} or {AuditSettings.HistoryConnectionSetting} to a writable place.",
                exception);
        }

        return history;
    }
}
