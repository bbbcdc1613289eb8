using DataRefresh.Cli.Commands;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Errors;
using DataRefresh.Core.History;
using DataRefresh.History;
using DataRefresh.Scheduling.Hosting;

namespace DataRefresh.Cli.Serving;

/// <summary>The history store as <c>serve</c> and <c>trigger</c> use it: shared with the schedule's database unless set.</summary>
internal static class ServeStores
{
    public static async Task<IHistoryStore> OpenHistoryAsync(CommandServices services, SchedulerSettings settings, CancellationToken cancellationToken = default)
    {
        if (settings.Store == SchedulerStore.PostgreSql)
        {
            services.UseHistoryDatabaseUnlessSet(settings.ConnectionString!);
        }

        var history = HistoryStores.Open(services.Audit);
        try
        {
            await history.EnsureReadyAsync(cancellationToken);
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
