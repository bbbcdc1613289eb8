using DataRefresh.Scheduling.Hosting;
using Quartz;

namespace DataRefresh.Scheduling.QuartzJobs;

/// <summary>
/// Quartz as <c>serve</c> runs it: the in-memory store, or the ADO.NET store on PostgreSQL or SQL Server with Quartz creating its own
/// tables on first start and, by default, clustering — every node that shares the database shares the schedule, each
/// firing runs on one node, and a node that stops checking in has its running jobs recovered (run again from the start)
/// by another. Shutdown asks running refreshes to stop (their cancellation token) and waits for them to unwind.
/// </summary>
internal static class QuartzSetup
{
    public static void Configure(IQuartzBuilder quartz, SchedulerSettings settings, TimeProvider time)
    {
        quartz.UseTimeProvider(time);
        quartz.UseDefaultThreadPool(settings.MaxConcurrentRuns);
        quartz.AddTriggerListener<MisfireReporter>();
        quartz.ConfigureScheduler(scheduler =>
        {
            scheduler.InstanceName = "datarefresh";
            scheduler.InstanceId = settings.Node;
            scheduler.ShutdownJobInterruption = ShutdownJobInterruption.Always;
        });

        if (settings.Store == SchedulerStore.Memory)
        {
            quartz.UseInMemoryStore(store => store.MisfireThreshold = settings.MisfireThreshold);
            return;
        }

        quartz.UsePersistentStore(store =>
        {
            // The drivers' factories are passed rather than named: Quartz resolves no type names in a trimmed publish.
            if (settings.Store == SchedulerStore.SqlServer)
            {
                store.UseSqlServer(Microsoft.Data.SqlClient.SqlClientFactory.Instance, settings.ConnectionString!);
            }
            else
            {
                store.UsePostgres(Npgsql.NpgsqlFactory.Instance, settings.ConnectionString!);
            }

            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
            store.ConfigureStore(options =>
            {
                options.TablePrefix = settings.TablePrefix;
                options.MisfireThreshold = settings.MisfireThreshold;

                // A refresh stopped by a graceful shutdown is over (cancelled, target unchanged, in the history); only a
                // node that dies hands its running refresh to another node.
                options.RecoverFiringsCancelledByShutdown = false;
            });
            if (settings.Clustered)
            {
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = settings.CheckinInterval;
                    cluster.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                });
            }
        });
    }
}
