using DataRefresh.Core.Configuration;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Preflight;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.SqlServer.Connections;
using DataRefresh.Providers.SqlServer.Errors;
using DataRefresh.Providers.SqlServer.Source;
using DataRefresh.Providers.SqlServer.Target;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer;

/// <summary>
/// SQL Server (2017 and later) through Microsoft.Data.SqlClient. The source is read at one point in time as its
/// environment's <c>Consistency</c> says (<see cref="SqlServerConsistency"/>), its schema from the catalog scripted as
/// T-SQL; the target is loaded into a side database with <c>SqlBulkCopy</c> and swapped in by journaled renames.
/// Unverified until its conformance suite has passed against a real server: plan and the audit say so.
/// </summary>
public sealed class SqlServerProvider(TimeProvider time) : IRefreshProvider
{
    public ProviderKind Kind => ProviderKind.SqlServer;

    public string DefaultSchema => SqlServerDialect.DefaultSchema;

    /// <summary>
    /// One reader by default (one SNAPSHOT transaction on one connection; a database snapshot or per-table mode says more
    /// through the snapshot itself); tables are not held; renames cannot run in one transaction, so the cut-over is
    /// sequential and journaled.
    /// </summary>
    public ProviderCapabilities Capabilities { get; } = new(
        ConsistentReaders: 1,
        HoldsTables: false,
        CutOver: CutOverKind.Sequential,
        CutOverRecovery: "each rename is journaled on the target server before it runs: a kill between them is finished forward by the next run of the target or cleanup, so the target name ends on the new copy in MULTI_USER, never on nothing",
        Unverified: "the SQL Server provider has passed its tests offline only; its conformance suite against a real SQL Server runs in the public sqlserver workflow, not on this machine");

    public string DescribeConnection(string connectionString)
    {
        try
        {
            return SqlServerConnectionStrings.Describe(connectionString, "");
        }
        catch (DataRefreshException)
        {
            return "SQL Server (connection string not readable)";
        }
    }

    public DataRefreshException? Explain(Exception exception) => SqlServerErrors.Explain(exception);

    public bool IsTransient(Exception exception) => SqlServerErrors.IsTransient(exception);

    public DatabaseAddress ParseAddress(EnvironmentSettings environment) => SqlServerAddress.Parse(environment.ConnectionString, environment.Name);

    /// <summary>The server's own name and machine, so a production database reached under another address is still recognised.</summary>
    public async Task<DatabaseIdentity?> ReadIdentityAsync(EnvironmentSettings environment, CancellationToken cancellationToken = default)
    {
        await using var master = await SqlServerConnections.OpenAsync(SqlServerConnections.Master(environment), environment, cancellationToken);
        await using var command = SqlServerCommands.Create(SourceSql.Identity, master);
        command.Parameters.AddWithValue("@database", SqlServerConnections.DatabaseOf(environment));
        var row = (await SqlServerCommands.RowsAsync(command, cancellationToken)).Single();
        return row[0] is string server ? new DatabaseIdentity($"{server} on {row[1]}", SqlServerConnections.DatabaseOf(environment).ToUpperInvariant()) : null;
    }

    public async Task<ISourceCatalog> OpenCatalogAsync(EnvironmentSettings source, CancellationToken cancellationToken = default)
    {
        Mode(source);
        return await SqlServerSourceSnapshot.OpenAsync(source, null, time, cancellationToken);
    }

    public async Task<ISourceSnapshot> OpenSnapshotAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        await SqlServerSourceSnapshot.OpenAsync(source, Mode(source), time, cancellationToken);

    public async Task<ITargetLock?> TryLockTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default) =>
        await SqlServerTargetLock.TryAcquireAsync(target, cancellationToken);

    /// <summary>May the target's login create the side database, and alter (rename, end sessions on) the target.</summary>
    public async Task<IReadOnlyList<PreflightCheck>> PreflightTargetAsync(EnvironmentSettings target, CancellationToken cancellationToken = default)
    {
        SqlConnection master;
        try
        {
            master = await SqlServerConnections.OpenAsync(SqlServerConnections.Master(target), target, cancellationToken);
        }
        catch (DataRefreshException unreachable)
        {
            return [PreflightCheck.Missing(unreachable.Message)];
        }

        await using (master)
        {
            var database = SqlServerConnections.DatabaseOf(target);
            await using var command = SqlServerCommands.Create(
                "SELECT HAS_PERMS_BY_NAME(NULL, NULL, N'CREATE ANY DATABASE'), DB_ID(@database), HAS_PERMS_BY_NAME(@database, N'DATABASE', N'ALTER');", master);
            command.Parameters.AddWithValue("@database", database);
            var row = (await SqlServerCommands.RowsAsync(command, cancellationToken)).Single();
            return
            [
                Convert.ToInt32(row[0], System.Globalization.CultureInfo.InvariantCulture) == 1
                    ? PreflightCheck.Ok("the target's login may create the side database")
                    : PreflightCheck.Missing("the target's login may not create databases; GRANT CREATE ANY DATABASE to it (or make it dbcreator)"),
                row[1] is null ? PreflightCheck.Note($"the target database {database} does not exist yet: the first refresh creates it")
                    : Convert.ToInt32(row[2], System.Globalization.CultureInfo.InvariantCulture) == 1
                        ? PreflightCheck.Ok($"the target's login may end sessions on {database} and rename it at cut-over")
                        : PreflightCheck.Missing($"the target's login may not ALTER {database}, which the cut-over renames; make it the database's owner or grant ALTER ANY DATABASE"),
            ];
        }
    }

    public async Task<ITargetLoad> CreateTargetLoadAsync(EnvironmentSettings target, string runId, CancellationToken cancellationToken = default) =>
        await SqlServerTargetLoad.CreateAsync(target, runId, cancellationToken);

    /// <summary>Database snapshots of the source that killed runs in <c>DatabaseSnapshot</c> mode left on its server.</summary>
    public Task<IReadOnlyList<string>> FindSourceLeftoversAsync(EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        SqlServerConnections.OnMasterAsync(source, "looking for database snapshots left by killed runs", master => DatabaseSnapshotLease.FindLeftoversAsync(master, SqlServerConnections.DatabaseOf(source), cancellationToken), cancellationToken);

    public Task<bool> DropSourceLeftoverAsync(EnvironmentSettings source, string name, CancellationToken cancellationToken = default) =>
        // Only a name of the runs' own pattern is ever dropped on a source server, whatever the caller passes.
        name.StartsWith(SourceSql.SnapshotPrefix(SqlServerConnections.DatabaseOf(source)), StringComparison.OrdinalIgnoreCase)
            ? SqlServerConnections.OnMasterAsync(source, $"dropping the database snapshot {name}", master => DatabaseSnapshotLease.DropLeftoverAsync(master, name, cancellationToken), cancellationToken)
            : throw new ArgumentException($"{name} is not a database snapshot a run of {source.Name} creates.", nameof(name));

    /// <summary>The environment's consistency mode, or a refusal naming the setting and the modes there are.</summary>
    private static SqlServerConsistency Mode(EnvironmentSettings source) =>
        SqlServerConsistencyModes.Parse(source.Consistency) ?? throw new DataRefreshException(
            ExitCodes.Configuration,
            $"Environment '{source.Name}' has Consistency '{source.Consistency}'; set DataRefresh:Environments:{source.Name}:Consistency to one of {string.Join(", ", Enum.GetNames<SqlServerConsistency>())}, or leave it out for Snapshot.");
}
