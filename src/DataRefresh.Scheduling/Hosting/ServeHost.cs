using DataRefresh.Core.History;
using DataRefresh.Scheduling.Catalog;
using DataRefresh.Scheduling.QuartzJobs;
using DataRefresh.Scheduling.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using Serilog;

namespace DataRefresh.Scheduling.Hosting;

/// <summary>
/// The long-running <c>datarefresh serve</c> process: a generic host with Quartz and Serilog. Start order matters: the
/// schedule is synchronised with the job files and missed firings are handled before Quartz starts firing; the node's
/// heartbeat and trigger-request loop runs beside it. SIGTERM or Ctrl+C stops the host: Quartz cancels running refreshes
/// (they stop at a batch boundary, drop their side database and leave the target as it was) and waits for them.
/// </summary>
public static class ServeHost
{
    /// <summary>How long a stop waits for running refreshes to unwind before the host gives up on them.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    public static IHost Build(ServeParts parts)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Quartz and the host narrate their start at Information, which would bury the lines an operator needs.
        var frameworkLogger = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .MinimumLevel.Override("Quartz", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
            .WriteTo.Logger(parts.Logger)
            .CreateLogger();
        builder.Services.AddSerilog(frameworkLogger, dispose: true);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(parts.Settings);
        builder.Services.AddSingleton(parts.Catalog);
        builder.Services.AddSingleton(parts.Executor);
        builder.Services.AddSingleton(parts.History);
        builder.Services.AddSingleton(parts.Time);
        builder.Services.AddSingleton(parts.Logger);
        builder.Services.AddSingleton(new SnapshotsFolder(parts.SnapshotsFolder));
        builder.Services.AddSingleton(new DriftAlerts(parts.Notifier));
        builder.Services.AddSingleton<RunAttempts>();
        builder.Services.AddSingleton<ChainFollowUp>();
        builder.Services.AddTransient<RefreshJob>();

        // Hosted services start in registration order: the schedule is in place before Quartz fires anything.
        builder.Services.AddQuartz(quartz => QuartzSetup.Configure(quartz, parts.Settings, parts.Time));
        builder.Services.AddHostedService<ScheduleSync>();
        builder.Services.AddHostedService<MissedFirings>();
        builder.Services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true;
        });
        builder.Services.AddHostedService<NodeHeartbeat>();
        builder.Services.AddHostedService<DriftWatch>();
        return builder.Build();
    }
}

/// <summary>Where a node tells about drift it found (null: only the log, the store and so the console and metrics).</summary>
internal sealed record DriftAlerts(Core.Notifications.RunNotifier? Notifier);

/// <summary>Where snapshot jobs write, for the node that removes expired snapshots (null: no snapshots here).</summary>
internal sealed record SnapshotsFolder(string? Path);

/// <summary>What <see cref="ServeHost"/> is built from; the command line supplies the executor, the stores and the webhooks.</summary>
/// <paramref name="Notifier"/> tells webhooks about drift found ahead of a firing (runs tell them themselves).
/// <paramref name="SnapshotsFolder"/> is where snapshot jobs write; the node removes expired snapshots there (null: none).
public sealed record ServeParts(
    SchedulerSettings Settings,
    JobCatalog Catalog,
    IJobExecutor Executor,
    IHistoryStore History,
    TimeProvider Time,
    Serilog.ILogger Logger,
    Core.Notifications.RunNotifier? Notifier = null,
    string? SnapshotsFolder = null);
