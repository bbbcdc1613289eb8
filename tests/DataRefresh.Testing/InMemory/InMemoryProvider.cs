using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// A provider over an <see cref="InMemoryServer"/>, for testing what Core does around the seam: capabilities are
/// whatever a test declares, connection strings are database names, failures can be planted
/// (<see cref="Failures"/>) and calls observed (<see cref="Calls"/>). It stands in for <see cref="ProviderKind.Sqlite"/>
/// by default (its default schema is <c>main</c>), so environments configured for that kind reach it.
/// </summary>
public sealed class InMemoryProvider(InMemoryServer server, ProviderCapabilities? capabilities = null, ProviderKind kind = ProviderKind.Sqlite) : IRefreshProvider
{
    /// <summary>What a provider that promises everything declares: any number of consistent readers, tables held, atomic cut-over.</summary>
    public static ProviderCapabilities Everything { get; } = new(int.MaxValue, HoldsTables: true, CutOverKind.Atomic, "the in-memory swap is one step: a failure leaves the old copy or the new one");

    public InMemoryServer Server { get; } = server;

    public ProviderKind Kind => kind;

    public string DefaultSchema => "main";

    public ProviderCapabilities Capabilities { get; } = capabilities ?? Everything;

    public InMemoryCallRecorder Calls { get; } = new();

    public InMemoryFailures Failures { get; } = new();

    /// <summary>How long a table reader waits before each batch, so parallel readers overlap in time (default: not at all).</summary>
    public TimeSpan ReadDelayPerBatch { get; set; }

    /// <summary>Tables with fewer rows are never sliced.</summary>
    public int MinimumRowsToSlice { get; set; } = 2;

    public string DescribeConnection(string connectionString) => $"in-memory database {connectionString}";

    public DataRefreshException? Explain(Exception exception) => exception switch
    {
        InMemoryDatabaseException known => new DataRefreshException(ExitCodes.RefreshFailed, known.Message + "; the target was not changed.", known),
        _ => null,
    };

    public bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is InMemoryDatabaseException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every database of the server is one port on one host, told apart by its name.</summary>
    public DatabaseAddress ParseAddress(EnvironmentSettings environment) => new([new DatabaseEndpoint("localhost", 0)], environment.ConnectionString);

    public Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<DatabaseIdentity?>(new DatabaseIdentity(Server.Identity, environment.ConnectionString));
    }

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Core.Preflight.PreflightCheck>>([Core.Preflight.PreflightCheck.Ok($"target '{target.Name}' can take a side database")]);

    public async Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await OpenSnapshotAsync(source, cancellationToken);

    public Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var database = Server.Database(source.ConnectionString);
        Calls.SnapshotOpened();
        return Task.FromResult<ISourceSnapshot>(new InMemorySourceSnapshot(database.Copy(database.Name), this));
    }

    public Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var name = target.ConnectionString;
        return Task.FromResult<ITargetLock?>(Server.TryLock(name) ? new InMemoryTargetLock(Server, name) : null);
    }

    public Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var side = Server.CreateDatabase(InMemorySideDatabases.Refresh(target.ConnectionString, runId));
        return Task.FromResult<ITargetLoad>(new InMemoryTargetLoad(Server, target.ConnectionString, side, this));
    }
}
