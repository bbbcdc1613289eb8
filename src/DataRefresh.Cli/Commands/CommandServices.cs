using System.CommandLine;
using DataRefresh.Core.Audit;
using DataRefresh.Core.Configuration;
using DataRefresh.Core.History;
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
    private CommandServices(IConfiguration configuration, DataRefreshSettings settings, Logger logger, AuditSettings audit)
    {
        Configuration = configuration;
        Settings = settings;
        Audit = audit;
        Logger = logger;
        Providers = KnownProviders(logger);
    }

    /// <summary>The merged settings as read, for sections other parts bind themselves (the scheduler's).</summary>
    public IConfiguration Configuration { get; }

    public DataRefreshSettings Settings { get; }

    public Logger Logger { get; }

    /// <summary>Where audit records go (<c>DataRefresh:Audit:File</c>, <c>DataRefresh:History:File</c>).</summary>
    public AuditSettings Audit { get; }

    public ProviderRegistry Providers { get; }

    /// <summary>Where the settings came from, for messages ("appsettings.json and environment variables").</summary>
    public string Origin { get; private init; } = "";

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
    public static ProviderRegistry KnownProviders(ILogger logger) => new([new PostgreSqlProvider(logger)]);

    /// <summary>
    /// The run-with-records use case on this command's settings, providers and logger, keeping records where the settings
    /// say (the history store is opened here: Core knows no database driver).
    /// </summary>
    public JobRunner JobRunner(TimeProvider time)
    {
        var store = HistoryStores.Open(Audit);
        var recorder = new RunRecorder(new AuditTrail(new AuditJsonLines(Audit.AuditFile), store), store, Logger);
        return new JobRunner(recorder, Settings, Providers, Logger, time);
    }

    public static CommandServices Create(ParseResult parseResult, CliConsole console, IEnumerable<KeyValuePair<string, string?>>? extraSettings = null)
    {
        var configFile = parseResult.GetValue(CommonOptions.Config);
        var overrides = console.SettingOverrides.Concat(extraSettings ?? []);
        var configuration = SettingsLoader.BuildConfiguration(configFile, overrides);
        var origin = (configFile ?? SettingsLoader.DefaultFileName) + " and environment variables";
        return new CommandServices(configuration, SettingsLoader.Load(configuration, origin), Output.Logging.Create(configuration, console), AuditSettings.Load(configuration)) { Origin = origin };
    }

    /// <summary>
    /// Services on settings that exist only in memory (and environment variables): for <c>init</c>, before it writes the
    /// settings file it describes.
    /// </summary>
    public static CommandServices CreateWithoutFile(CliConsole console, IEnumerable<KeyValuePair<string, string?>> settings, string origin)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(console.SettingOverrides.Concat(settings)).Build();
        return new CommandServices(configuration, SettingsLoader.Load(configuration, origin), Output.Logging.Create(configuration, console), AuditSettings.Load(configuration)) { Origin = origin };
    }

    public void Dispose() => Logger.Dispose();
}
