using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Errors;
using DataRefresh.Providers.PostgreSql.Target;
using Serilog;

namespace DataRefresh.Providers.PostgreSql;

/// <summary>PostgreSQL through Npgsql: snapshot reads, pg_dump/pg_restore for the schema, binary COPY for rows, rename cut-over.</summary>
public sealed class PostgreSqlProvider(ILogger logger) : IRefreshProvider
{
    public ProviderKind Kind => ProviderKind.PostgreSql;

    public string DefaultSchema => "public";

    /// <summary>
    /// The exported snapshot serves any number of readers (each imports it); ACCESS SHARE holds the tables; both renames
    /// commit in one transaction.
    /// </summary>
    public ProviderCapabilities Capabilities { get; } = new(
        ConsistentReaders: int.MaxValue,
        HoldsTables: true,
        CutOver: CutOverKind.Atomic,
        CutOverRecovery: "both renames commit in one transaction: a kill leaves the target's name on the old copy or the new one, and the next run or cleanup drops the __refresh_/__retired_ leftover");

    public string DescribeConnection(string connectionString) => PostgreSqlConnectionInfo.Describe(connectionString);

    public DataRefreshException? Explain(Exception exception) => PostgreSqlErrors.Explain(exception);

    public bool IsTransient(Exception exception) => PostgreSqlErrors.IsTransient(exception);

    public DatabaseAddress ParseAddress(EnvironmentSettings environment) =>
        PostgreSqlConnectionInfo.Parse(environment.ConnectionString, environment.Name).Address();

    public Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default) =>
        PostgreSqlIdentity.ReadAsync(PostgreSqlConnectionInfo.Parse(environment.ConnectionString, environment.Name), environment.Name, cancellationToken);

    public async Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await PostgreSqlSourceSnapshot.OpenAsync(PostgreSqlConnectionInfo.Parse(source.ConnectionString, source.Name).AsReadOnlySource(), exportSnapshot: false, cancellationToken);

    public async Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await PostgreSqlSourceSnapshot.OpenAsync(PostgreSqlConnectionInfo.Parse(source.ConnectionString, source.Name).AsReadOnlySource(), exportSnapshot: true, cancellationToken);

    public async Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default)
    {
        var info = PostgreSqlConnectionInfo.Parse(target.ConnectionString, target.Name);
        try
        {
            return await PostgreSqlTargetLock.TryAcquireAsync(info, target.Name, logger, cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, $"cannot lock or clean up target '{target.Name}' ({info.Describe()})")!;
        }
    }

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) =>
        Preflight.PostgreSqlTargetPreflight.CheckAsync(target, cancellationToken);

    public async Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default)
    {
        var info = PostgreSqlConnectionInfo.Parse(target.ConnectionString, target.Name);
        try
        {
            return await PostgreSqlTargetLoad.CreateAsync(info, runId, logger, cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, $"cannot create the side database for target '{target.Name}' ({info.Describe()})")!;
        }
    }
}
