using DataRefresh.Providers.Sqlite.Connections;

namespace DataRefresh.Providers.Sqlite.Target;

/// <summary>
/// One run at a time per target file: an exclusive lock on <c>&lt;file&gt;.datarefresh-lock</c> (on Linux and macOS an
/// advisory <c>flock</c>, which .NET takes for <see cref="FileShare.None"/>), released when disposed or when the process
/// dies, so a killed run never leaves it held. While it is held no other run creates side files of this target, which is
/// what makes removing leftovers safe.
/// </summary>
internal sealed class SqliteTargetLock : Core.Providers.ITargetLock
{
    private readonly SqliteConnectionInfo target;
    private readonly FileStream lockFile;

    private SqliteTargetLock(SqliteConnectionInfo target, FileStream lockFile)
    {
        this.target = target;
        this.lockFile = lockFile;
    }

    public string TargetDatabase => target.FileName;

    public static SqliteTargetLock? TryAcquire(SqliteConnectionInfo target)
    {
        Directory.CreateDirectory(target.Folder);
        try
        {
            var stream = new FileStream(Path.Combine(target.Folder, SideFileNames.Lock(target.FileName)), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new SqliteTargetLock(target, stream);
        }
        catch (IOException) when (File.Exists(Path.Combine(target.Folder, SideFileNames.Lock(target.FileName))))
        {
            return null;
        }
    }

    public Task<IReadOnlyList<string>> FindLeftoversAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<string> leftovers = [.. Directory.EnumerateFiles(target.Folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => SideFileNames.IsLeftover(target.FileName, name))
            .Order(StringComparer.Ordinal)];
        return Task.FromResult(leftovers);
    }

    public Task DropLeftoverAsync(string database, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!SideFileNames.IsLeftover(target.FileName, database))
        {
            throw new ArgumentException($"{database} is not a leftover of {target.FileName}", nameof(database));
        }

        SideFileNames.Delete(Path.Combine(target.Folder, database));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Renames the previous copy over the target file: one rename, so the target's name is never missing, and the copy
    /// it held is gone with it.
    /// </summary>
    public Task<bool> RollBackAsync(string runId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var previous = target.Beside(SideFileNames.Previous(target.FileName)).Path;
        if (!File.Exists(previous))
        {
            return Task.FromResult(false);
        }

        SideFileNames.EnsureNoneWriting(target);
        File.Move(previous, target.Path, overwrite: true);
        return Task.FromResult(true);
    }

    public ValueTask DisposeAsync() => lockFile.DisposeAsync();
}
