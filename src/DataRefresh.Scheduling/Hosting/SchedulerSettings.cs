using DataRefresh.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace DataRefresh.Scheduling.Hosting;

/// <summary>
/// The <c>DataRefresh:Scheduler</c> section. <c>Store</c> is <c>memory</c> (the default: one node, the schedule rebuilt from
/// the job files at every start), <c>postgresql</c> or <c>sqlserver</c> (Quartz's tables in <c>ConnectionString</c>'s
/// database, created on first start; <c>Clustered</c>, on by default there, lets several nodes share the schedule). Durations are TimeSpan
/// text ("00:00:15"); the short ones exist for tests and impatient operators.
/// </summary>
public sealed record SchedulerSettings
{
    public const string Section = "DataRefresh:Scheduler";

    public SchedulerStore Store { get; init; } = SchedulerStore.Memory;

    public string? ConnectionString { get; init; }

    public bool Clustered { get; init; } = true;

    /// <summary>This process's name in logs, the history and Quartz's cluster; default machine name and process id.</summary>
    public string Node { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    public string TablePrefix { get; init; } = "qrtz_";

    /// <summary>How late a firing may start before it counts as missed and the job's <c>misfire</c> policy applies.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a clustered node checks in; a node silent for this plus <see cref="CheckinMisfireThreshold"/> is taken for dead.</summary>
    public TimeSpan CheckinInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan CheckinMisfireThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the node reports itself alive in the history store and takes <c>datarefresh trigger</c> requests.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a run waiting for a busy target looks again.</summary>
    public TimeSpan BusyPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause before the first retry of a transiently failed run; it doubles for each further retry, up to 30 minutes.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many refreshes one node runs at once (different targets; one target is never written twice at once).</summary>
    public int MaxConcurrentRuns { get; init; } = 2;

    /// <summary>
    /// How long before each scheduled firing the node checks the job's rules against its source (drift before the night),
    /// so a rule that would stop the run is fixed by day; checked again whenever the rule files change. Zero turns it off.
    /// </summary>
    public TimeSpan DriftCheckLead { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The store in words for logs, without secrets: "memory" or "postgresql db.example:5432/scheduler, clustered".</summary>
    public string DescribeStore() =>
        Store == SchedulerStore.Memory
            ? "memory (one node)"
            : $"{Store.ToString().ToLowerInvariant()} {StoreLocation() ?? "(its connection string does not read)"}{(Clustered ? ", clustered" : "")}";

    /// <summary>Server and database of the store's connection string, or null when it does not read as one of its engine.</summary>
    private string? StoreLocation()
    {
        // Never echo a connection string that did not parse: it may hold a password.
        try
        {
            if (Store == SchedulerStore.SqlServer)
            {
                var sqlServer = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(ConnectionString);
                return string.IsNullOrEmpty(sqlServer.DataSource) ? null : $"{sqlServer.DataSource}/{sqlServer.InitialCatalog}";
            }

            var postgreSql = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{postgreSql.Host}:{postgreSql.Port}/{postgreSql.Database}";
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// How long a node may be silent in the history store before its running rows count as abandoned and <c>trigger</c>
    /// says no scheduler is listening: several missed beats, so a slow beat is not taken for a death.
    /// </summary>
    public TimeSpan NodeSilenceLimit => TimeSpan.FromTicks(Math.Max(PollInterval.Ticks * 6, TimeSpan.FromSeconds(30).Ticks));

    public static SchedulerSettings Load(IConfiguration configuration, string origin)
    {
        SchedulerSettings settings;
        try
        {
            settings = configuration.GetSection(Section).Get<SchedulerSettings>() ?? new SchedulerSettings();
        }
        catch (InvalidOperationException exception)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: the {Section} section does not read ({exception.Message.TrimEnd('.')}); see docs/scheduling.md.", exception);
        }

        if (settings.Store != SchedulerStore.Memory && string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: {Section}:Store is {settings.Store.ToString().ToLowerInvariant()} but {Section}:ConnectionString is empty; set it to the database that holds the schedule.");
        }

        if (settings.Store != SchedulerStore.Memory && settings.StoreLocation() is null)
        {
            var shape = settings.Store == SchedulerStore.SqlServer ? "a SQL Server connection string (Server=…;Database=…;User ID=…)" : "a PostgreSQL connection string (Host=…;Database=…;Username=…)";
            throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: {Section}:ConnectionString is not {shape}; fix it.");
        }

        foreach (var (name, value) in new[]
        {
            ("PollInterval", settings.PollInterval), ("BusyPollInterval", settings.BusyPollInterval), ("CheckinInterval", settings.CheckinInterval),
            ("CheckinMisfireThreshold", settings.CheckinMisfireThreshold), ("MisfireThreshold", settings.MisfireThreshold), ("RetryDelay", settings.RetryDelay),
        })
        {
            if (value < TimeSpan.FromMilliseconds(100))
            {
                throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: {Section}:{name} is {value}; give at least 00:00:00.1.");
            }
        }

        if (settings.DriftCheckLead < TimeSpan.Zero)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: {Section}:DriftCheckLead is {settings.DriftCheckLead}; give how long before a firing to check its rules (e.g. 02:00:00), or 00:00:00 for no check.");
        }

        if (settings.MaxConcurrentRuns is < 1 or > 32)
        {
            throw new DataRefreshException(ExitCodes.Configuration, $"{origin}: {Section}:MaxConcurrentRuns is {settings.MaxConcurrentRuns}; give 1 to 32.");
        }

        return settings;
    }
}

/// <summary>Where Quartz keeps the schedule.</summary>
public enum SchedulerStore
{
    Memory,
    PostgreSql,
    SqlServer,
}
