using DataRefresh.Core.Configuration;
using DataRefresh.Providers.SqlServer.Connections;
using DataRefresh.Providers.SqlServer.Target;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// A database snapshot of the source for one run (<see cref="SqlServerConsistency.DatabaseSnapshot"/>): the one object
/// DataRefresh ever creates on a production server. It is named <c>&lt;source&gt;__dr_snapshot_&lt;token&gt;</c> and its
/// run holds a session application lock named after it in master while it reads; a snapshot whose lock is granted at once
/// belongs to a run that is gone, and is dropped before a new one is taken, or by <c>cleanup</c>. Disposing the lease
/// drops the snapshot.
/// </summary>
internal sealed class DatabaseSnapshotLease : IAsyncDisposable
{
    private readonly SqlConnection master;

    private DatabaseSnapshotLease(SqlConnection master, string name)
    {
        this.master = master;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The database snapshots of the source that killed runs left, dropped; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> DropLeftoversAsync(SqlConnection master, string source, CancellationToken cancellationToken)
    {
        var dropped = new List<string>();
        foreach (var name in await FindLeftoversAsync(master, source, cancellationToken))
        {
            if (await DropLeftoverAsync(master, name, cancellationToken))
            {
                dropped.Add(name);
            }
        }

        return dropped;
    }

    /// <summary>The source's database snapshots named by a run whose lock nobody holds: its run is gone.</summary>
    public static async Task<IReadOnlyList<string>> FindLeftoversAsync(SqlConnection master, string source, CancellationToken cancellationToken)
    {
        await using var find = SqlServerCommands.Create(SourceSql.LeftoverSnapshots, master);
        find.Parameters.AddWithValue("@source", source);
        find.Parameters.AddWithValue("@prefix", SqlServerDialect.LikeLiteral(SourceSql.SnapshotPrefix(source)) + "%");
        var leftovers = new List<string>();
        foreach (var name in (await SqlServerCommands.RowsAsync(find, cancellationToken)).Select(row => (string)row[0]!))
        {
            if (await TargetLockSql.TryTakeAsync(master, SourceSql.SnapshotLockResource(name), cancellationToken))
            {
                await TargetLockSql.ReleaseAsync(master, SourceSql.SnapshotLockResource(name), cancellationToken);
                leftovers.Add(name);
            }
        }

        return leftovers;
    }

    /// <summary>Drops one snapshot while holding its run's lock, so a live run's snapshot is never dropped; false when a run holds it.</summary>
    public static async Task<bool> DropLeftoverAsync(SqlConnection master, string name, CancellationToken cancellationToken)
    {
        if (!await TargetLockSql.TryTakeAsync(master, SourceSql.SnapshotLockResource(name), cancellationToken))
        {
            return false;
        }

        try
        {
            await SqlServerCommands.ExecuteAsync(master, SourceSql.DropDatabaseSnapshot(name), cancellationToken);
            return true;
        }
        finally
        {
            await TargetLockSql.ReleaseAsync(master, SourceSql.SnapshotLockResource(name), cancellationToken);
        }
    }

    /// <summary>Creates a snapshot of the source's database, with one sparse file beside each data file.</summary>
    public static async Task<DatabaseSnapshotLease> CreateAsync(EnvironmentSettings source, TimeProvider time, CancellationToken cancellationToken)
    {
        var database = SqlServerConnections.DatabaseOf(source);
        var name = SourceSql.SnapshotPrefix(database) + time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
        var master = await SqlServerConnections.OpenAsync(SqlServerConnections.Master(source), source, cancellationToken);
        try
        {
            await DropLeftoversAsync(master, database, cancellationToken);
            if (!await TargetLockSql.TryTakeAsync(master, SourceSql.SnapshotLockResource(name), cancellationToken))
            {
                throw new InvalidOperationException("A new snapshot name is already locked.");
            }

            await using var files = SqlServerCommands.Create(SourceSql.DataFiles(database), master);
            var dataFiles = (await SqlServerCommands.RowsAsync(files, cancellationToken)).Select(row => ((string)row[0]!, $"{row[1]}.{name}.ss")).ToList();
            await SqlServerCommands.ExecuteAsync(master, SourceSql.CreateDatabaseSnapshot(name, database, dataFiles), cancellationToken);
            return new DatabaseSnapshotLease(master, name);
        }
        catch
        {
            await master.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SqlServerCommands.ExecuteAsync(master, SourceSql.DropDatabaseSnapshot(Name), CancellationToken.None);
        }
        catch (SqlException)
        {
            // Still in use or the server went away: the lock ends with this session, so the next run in this mode drops it.
        }
        finally
        {
            await master.DisposeAsync();
        }
    }
}
