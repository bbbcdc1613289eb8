using DataRefresh.Core.Configuration;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Pipeline;
using DataRefresh.Core.Providers;
using DataRefresh.Testing.InMemory;

namespace DataRefresh.Core.Tests.Pipeline;

/// <summary>
/// One in-memory server with the CRM source in database <c>crm</c> (environment prod) and a target <c>crm_staging</c>
/// (environment staging) that already holds an older copy; a job and its rules written to a temporary folder; and the
/// runner, on a clock whose retry pauses take no time. With <c>targetEngine</c> the target is another engine
/// (<see cref="ProviderKind.PostgreSql"/>, a second in-memory provider on the same server with those capabilities).
/// </summary>
internal sealed class RunnerHarness : IDisposable
{
    public const string SourceDatabase = "crm";
    public const string TargetDatabase = "crm_staging";

    private readonly TempFiles files = new();

    public RunnerHarness(ProviderCapabilities? capabilities = null, ProviderCapabilities? targetEngine = null)
    {
        Source = CrmSource.Create(Server, SourceDatabase);
        var old = Server.CreateDatabase(TargetDatabase);
        old.AddTable(new Schema.TableInfo(OldTable, [], [], 0, false));
        Provider = new InMemoryProvider(Server, capabilities);
        TargetProvider = targetEngine is null ? Provider : new InMemoryProvider(Server, targetEngine, ProviderKind.PostgreSql);
        Staging = new("staging", TargetProvider.Kind, TargetDatabase, Production: false);
    }

    /// <summary>The table only the older copy in the target has: while it is there, the target was not replaced.</summary>
    public static Schema.QualifiedName OldTable { get; } = new("main", "from_the_last_refresh");

    public static MaskingKey Key { get; } = MaskingKey.FromSecret("runner-tests-masking-key-0123456789");

    public InMemoryServer Server { get; } = new();

    public InMemoryProvider Provider { get; }

    /// <summary>The target's provider: <see cref="Provider"/> unless the harness was made with another target engine.</summary>
    public InMemoryProvider TargetProvider { get; }

    public InMemoryDatabase Source { get; }

    public InMemoryDatabase Target => Server.Database(TargetDatabase);

    public RefreshProgress Progress { get; } = new();

    public EnvironmentSettings Staging { get; }

    /// <summary>Whether the target still holds the copy it held before the run.</summary>
    public bool TargetUnchanged => Target.HasTable(OldTable) && !Target.HasTable(CrmSource.CustomersTable);

    /// <summary>Databases on the server that are neither source, target nor a kept previous copy: side databases left behind.</summary>
    public IReadOnlyList<string> SideDatabases =>
        [.. Server.DatabaseNames.Where(name => name is not (SourceDatabase or TargetDatabase) && name != InMemoryServer.PreviousName(TargetDatabase))];

    public RefreshContext Context(int parallelism = 4, int batchSize = 16, bool keepPrevious = false, string target = "staging", string rules = CrmSource.Rules)
    {
        var rulesFile = files.Write("rules.yaml", rules);
        var job = files.Write("job.yaml", $"""
            name: runner-test
            source: prod
            target: {target}
            rules: [ {Path.GetFileName(rulesFile)} ]
            parallelism: {parallelism}
            batchSize: {batchSize}
            keepPrevious: {(keepPrevious ? "true" : "false")}
            """);
        var environments = new Dictionary<string, EnvironmentSettings>
        {
            ["prod"] = new("prod", ProviderKind.Sqlite, SourceDatabase, Production: true),
            ["staging"] = Staging,
            ["prod-alias"] = new("prod-alias", ProviderKind.Sqlite, SourceDatabase, Production: false),
        };
        var settings = new DataRefreshSettings(environments, null, "runner tests");
        return RefreshContext.Create(job, settings, new ProviderRegistry(TargetProvider == Provider ? [Provider] : [Provider, TargetProvider]));
    }

    /// <summary>The runner's threshold for building a table's own post-data early (by default these small tables wait for the final pass).</summary>
    public long OwnPostDataMinimumRows { get; set; } = RefreshRunner.DefaultOwnPostDataMinimumRows;

    public Task<RefreshResult> RunAsync(RefreshContext context, CancellationToken cancellationToken) =>
        new RefreshRunner(Serilog.Core.Logger.None, new InstantClock(new DateTimeOffset(2026, 1, 15, 2, 0, 0, TimeSpan.Zero))) { OwnPostDataMinimumRows = OwnPostDataMinimumRows }
            .RunAsync(context, Key, Progress, cancellationToken);

    public void Dispose() => files.Dispose();
}
