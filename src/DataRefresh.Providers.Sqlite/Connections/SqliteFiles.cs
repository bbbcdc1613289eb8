using System.Globalization;
using System.Runtime.InteropServices;

namespace DataRefresh.Providers.Sqlite.Connections;

/// <summary>
/// What the file system can tell and do that .NET does not offer: a file's identity (device and inode, so two paths to
/// one file — a hard link, a bind mount — are known to be the same database), a hard link, and flushing a file to disk.
/// On systems without these calls identity is unknown and the guard compares canonical paths only.
/// </summary>
internal static partial class SqliteFiles
{
    /// <summary>"device:inode" of an existing file, or null when it does not exist or the system does not say.</summary>
    public static string? Identity(string path)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(path))
        {
            return null;
        }

        // struct stat begins with st_dev and st_ino, both 64-bit, on every 64-bit Linux (x86-64 and arm64 alike).
        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return null;
        }

        var device = BitConverter.ToUInt64(buffer, 0);
        var inode = BitConverter.ToUInt64(buffer, 8);
        return string.Create(CultureInfo.InvariantCulture, $"{device}:{inode}");
    }

    /// <summary>The absolute path with every symbolic link resolved, or null when it does not exist (or off Linux and macOS).</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return null;
        }

        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>
    /// Makes <paramref name="link"/> a second name of <paramref name="existing"/> without copying (a hard link), or a copy
    /// where hard links are not available.
    /// </summary>
    public static void LinkOrCopy(string existing, string link)
    {
        File.Delete(link);
        if (OperatingSystem.IsWindows() || Link(existing, link) != 0)
        {
            File.Copy(existing, link);
        }
    }

    /// <summary>Forces a file's content to disk, so a rename that follows can never expose a half-written file after a crash.</summary>
    public static void Flush(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string link);
}
