using DataRefresh.Providers.PostgreSql.Connections;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// The schema dump of a run, started the moment the source's snapshot is exported. pg_dump and <c>pg_restore --list</c>
/// use no connection of ours, so they run while the run plans, locks the source's tables and creates its side database,
/// instead of after. Owns the archive: disposing stops a dump the run never took (it failed first) and deletes the files.
/// </summary>
internal sealed class BackgroundSchemaDump : IAsyncDisposable
{
    private readonly SchemaArchive archive = SchemaArchive.InNewFolder();
    private readonly CancellationTokenSource cancellation;
    private readonly Task dumping;

    /// <param name="lockTimeout">How long pg_dump waits for a table that a schema change holds before it fails.</param>
    public BackgroundSchemaDump(PostgreSqlConnectionInfo source, string snapshotId, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        dumping = archive.DumpAsync(source, snapshotId, lockTimeout, cancellation.Token);
    }

    /// <summary>Where the archive's files are, until disposal.</summary>
    public string Folder => archive.FolderPath;

    /// <summary>The archive once the dump is done, or the dump's failure; it stays owned by this dump.</summary>
    public async Task<SchemaArchive> ArchiveAsync(CancellationToken cancellationToken)
    {
        await dumping.WaitAsync(cancellationToken);
        return archive;
    }

    public async ValueTask DisposeAsync()
    {
        await cancellation.CancelAsync();
        try
        {
            await dumping;
        }
        catch (Exception) when (dumping.IsFaulted || dumping.IsCanceled)
        {
            // A run that needed the schema met this failure through ArchiveAsync; one that did not failed for another reason.
        }
        finally
        {
            archive.Dispose();
            cancellation.Dispose();
        }
    }
}
