using DataRefresh.Core.Preflight;
using DataRefresh.Providers.Sqlite.Connections;

namespace DataRefresh.Providers.Sqlite.Preflight;

/// <summary>
/// <c>plan</c>'s checks of a SQLite target, writing nothing: the folder the side file and the target live in must exist
/// (or be creatable) and be writable, since the side file is created there and renamed over the target.
/// </summary>
internal static partial class SqliteTargetPreflight
{
    public static IReadOnlyList<PreflightCheck> Check(SqliteConnectionInfo target)
    {
        var folder = target.Folder;
        while (!Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
        {
            folder = parent;
        }

        var writable = OperatingSystem.IsWindows() || Access(folder);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        return
        [
            writable
                ? PreflightCheck.Ok($"{folder} is writable: the side file is created there and renamed over {target.FileName}")
                : PreflightCheck.Missing($"{folder} is not writable by this user: make it writable, or choose another folder for {target.FileName}"),
            PreflightCheck.Note($"{free / (1024.0 * 1024.0 * 1024.0):F1} GB free where {target.FileName} lives (the side file needs about the copy's size; with keepPrevious the old file stays too)"),
        ];
    }

    private static bool Access(string folder) => AccessCheck(folder, WriteAndExecute) == 0;

    private const int WriteAndExecute = 2 | 1;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "access", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int AccessCheck(string path, int mode);
}
