using System.CommandLine;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
using DataRefresh.Core.Notifications;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Runs;
using DataRefresh.History;
using DataRefresh.Providers.PostgreSql;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;

namespace DataRefresh.Cli.Commands;

/// <summary>What a command builds from the command line: settings, the logger and the providers.</summary>
internal sealed class CommandServices : IDisposable
{
    private CommandServices(IConfiguration configuration, string origin, CliConsole console)
    {
        Configuration = configuration;
        Origin = origin;
        Settings = SettingsLoader.Load(configuration, origin);
        Audit = AuditSettings.Load(configuration, origin);
        Logger = Output.Logging.Create(configuration, console);
        Providers = KnownProviders(Logger);
    }

    // One client for the process, as HttpClient wants; webhooks are the only thing a command posts to.
    private static readonly HttpClient WebhookClient = new();

    /// <summary>The merged settings as read, for sections other parts bind themselves (the scheduler's).</summary>
    public IConfiguration Configuration { get; }

    public DataRefreshSettings Settings { get; }

    public Logger Logger { get; }

    /// <summary>Where audit records go (<c>DataRefresh:Audit:File</c>, <c>DataRefresh:History:File</c>).</summary>
    public AuditSettings Audit { get; }

    public ProviderRegistry Providers { get; }

    /// <summary>Where the settings came from, for messages ("appsettings.json and environment variables").</summary>
    public string Origin { get; }

    /// <summary>
    /// The history store to read runs from, or null when it is the SQLite file and that does not exist yet: no run has been
    /// recorded, and a command that only reads must not leave an empty store behind.
    /// </summary>
    public IHistoryStore? HistoryToRead() =>
        Audit.HistoryConnectionString is null && !File.Exists(Audit.HistoryFile) ? null : HistoryStores.Open(Audit);

    /// <summary>
    /// The providers this build ships, in one place: commands get them through <see cref="Providers"/>, and the command
    /// line's last-resort error handler, which runs after a command's services are gone, explains failures through them.
    /// </summary>
    public static ProviderRegistry KnownProviders(ILogger logger) => new([new PostgreSqlProvider(logger), new Providers.Sqlite.SqliteProvider(), new Providers.SqlServer.SqlServerProvider(TimeProvider.System), new Snapshots.Source.CsvSnapshotProvider()]);

    /// <summary>
    /// The run-with-records use case on this command's settings, providers and logger, keeping records where the settings
    /// say (the history store is opened here: Core knows no database driver).
    /// </summary>
    /// <param name="settings">Settings other than the command's, such as a restore's with the snapshot as its source.</param>
    public JobRunner JobRunner(TimeProvider time, DataRefreshSettings? settings = null)
    {
        var store = HistoryStores.Open(Audit);
        var recorder = new RunRecorder(AuditTrail(store), store, Logger, Notifier(time));
        return new JobRunner(recorder, settings ?? Settings, Providers, Logger, time, new Snapshots.Publishing.SnapshotPublisher(Providers));
    }

    /// <summary>The webhooks the settings name (<c>DataRefresh:Notifications</c>), for runs and drift checks.</summary>
    public RunNotifier Notifier(TimeProvider time) => new(NotificationSettings.Load(Configuration, Origin), WebhookClient, Logger, time);

    /// <summary>The audit record's two places as the settings name them (the history store opened here, as for runs).</summary>
    public AuditTrail AuditTrail(IHistoryStore? store = null) => new(new AuditJsonLines(Audit.AuditFile), store ?? HistoryStores.Open(Audit), Logger);

    public static CommandServices Create(ParseResult parseResult, CliConsole console, IEnumerable<KeyValuePair<string, string?>>? extraSettings = null)
    {
        var configFile = parseResult.GetValue(CommonOptions.Config);
        var overrides = console.SettingOverrides.Concat(extraSettings ?? []);
        var configuration = SettingsLoader.BuildConfiguration(configFile, overrides);
        return new CommandServices(configuration, (configFile ?? SettingsLoader.DefaultFileName) + " and environment variables", console);
    }

    /// <summary>
    /// Services on a settings file's text that is not written yet (read as a file would be, then environment variables):
    /// for <c>init</c>, which runs on the settings it is about to write.
    /// </summary>
    public static CommandServices CreateFromText(CliConsole console, string settingsJson, string origin)
    {
        using var text = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(settingsJson));
        var configuration = new ConfigurationBuilder().AddJsonStream(text).AddEnvironmentVariables().AddInMemoryCollection(console.SettingOverrides).Build();
        return new CommandServices(configuration, origin, console);
    }

    public void Dispose() => Logger.Dispose();
}
