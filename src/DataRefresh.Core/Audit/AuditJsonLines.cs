using System.Text;

namespace DataRefresh.Core.Audit;

/// <summary>
/// The audit's JSON-lines file: one record per line, appended and flushed to disk. Two processes may append at once: the
/// file is opened exclusively (an advisory lock on Unix), so each line goes in whole, and a writer that finds it locked
/// retries for a while.
/// </summary>
public sealed class AuditJsonLines(string path, TimeProvider? timeProvider = null)
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(15);

    // Waiting out another process's lock is real time, whatever clock the run is on; a clock is taken only for tests.
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public string Path { get; } = path;

    /// <summary>Creates the folder and opens the file for appending once, so a run never starts when its record could not be kept.</summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        await using var stream = await OpenAsync(cancellationToken);
    }

    public async Task AppendAsync(string jsonLine, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(jsonLine + "\n");
        await using var stream = await OpenAsync(cancellationToken);
        stream.Seek(0, SeekOrigin.End);
        await stream.WriteAsync(bytes, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    private async Task<FileStream> OpenAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(Path) && time.GetElapsedTime(started) < LockWait)
            {
                // Another process is appending its record right now.
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
            }
        }
    }
}
