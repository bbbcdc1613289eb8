using DataRefresh.Core.Configuration;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.SqlServer.Connections;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// One run per target database: a session application lock in master (<see cref="TargetLockSql"/>), held by this
/// connection for the run's life. Holding it, the run first finishes a cut-over a killed run left half done (the
/// journal, <see cref="SqlServerCutOver.RecoverAsync"/>), then drops the side databases and old copies killed runs left.
/// </summary>
internal sealed class SqlServerTargetLock : ITargetLock
{
    private readonly SqlConnection master;

    private SqlServerTargetLock(SqlConnection master, string targetDatabase)
    {
        this.master = master;
        TargetDatabase = targetDatabase;
    }

    public string TargetDatabase { get; }

    public static async Task<SqlServerTargetLock?> TryAcquireAsync(EnvironmentSettings target, CancellationToken cancellationToken)
    {
        var database = SqlServerConnections.DatabaseOf(target);
        var master = await SqlServerConnections.OpenAsync(SqlServerConnections.Master(target), target, cancellationToken);
        try
        {
            if (!await TargetLockSql.TryTakeAsync(master, TargetLockSql.Resource(database), cancellationToken))
            {
                await master.DisposeAsync();
                return null;
            }

            return new SqlServerTargetLock(master, database);
        }
        catch
        {
            await master.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<string>> FindLeftoversAsync(CancellationToken cancellationToken = default)
    {
        await new SqlServerCutOver(new SqlServerCutOverServer(master)).RecoverAsync(TargetDatabase, cancellationToken);
        await using var command = SqlServerCommands.Create(
            "SELECT name FROM sys.databases WHERE (name LIKE @refresh ESCAPE N'\\' OR name LIKE @old ESCAPE N'\\') AND source_database_id IS NULL ORDER BY name;", master);
        command.Parameters.AddWithValue("@refresh", SqlServerDialect.LikeLiteral(SideDatabaseName.Prefix(TargetDatabase)) + "%");
        command.Parameters.AddWithValue("@old", SqlServerDialect.LikeLiteral(TargetDatabase + "__old_") + "%");
        return [.. (await SqlServerCommands.RowsAsync(command, cancellationToken)).Select(row => (string)row[0]!)];
    }

    public Task DropLeftoverAsync(string database, CancellationToken cancellationToken = default) =>
        SqlServerCommands.ExecuteAsync(master, CutOverSql.Drop(database), cancellationToken);

    public Task<bool> RollBackAsync(string runId, CancellationToken cancellationToken = default) =>
        new SqlServerCutOver(new SqlServerCutOverServer(master)).RollBackAsync(TargetDatabase, runId, cancellationToken);

    public ValueTask DisposeAsync() => master.DisposeAsync();
}
