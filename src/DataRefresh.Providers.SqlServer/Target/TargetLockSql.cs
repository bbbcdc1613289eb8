namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>
/// One run per target: an exclusive application lock owned by the session, taken in <c>master</c> (an application lock
/// lives in the session's current database, so every run must take it in the same one) without waiting. It ends with the
/// session, so a killed run never leaves it behind. The same kind of lock marks a run's database snapshot as in use.
/// </summary>
internal static class TargetLockSql
{
    /// <summary>Returns sp_getapplock's result: 0 granted, -1 not granted at once (another run holds it), below -1 an error.</summary>
    public const string TryLock =
        "DECLARE @result int;\n" +
        "EXEC @result = sys.sp_getapplock @Resource = @resource, @LockMode = N'Exclusive', @LockOwner = N'Session', @LockTimeout = 0, @DbPrincipal = N'public';\n" +
        "SELECT @result;";

    public const string Unlock = "EXEC sys.sp_releaseapplock @Resource = @resource, @LockOwner = N'Session', @DbPrincipal = N'public';";

    /// <summary>The lock's name for a target database (sp_getapplock takes up to 255 characters; database names are up to 128).</summary>
    public static string Resource(string targetDatabase) => "DataRefresh:target:" + targetDatabase.ToUpperInvariant();

    /// <summary>Takes the session lock <paramref name="resource"/> on <paramref name="master"/> without waiting; false when another session holds it.</summary>
    public static async Task<bool> TryTakeAsync(Microsoft.Data.SqlClient.SqlConnection master, string resource, CancellationToken cancellationToken)
    {
        await using var command = SqlServerCommands.Create(TryLock, master);
        command.Parameters.AddWithValue("@resource", resource);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) >= 0;
    }

    public static async Task ReleaseAsync(Microsoft.Data.SqlClient.SqlConnection master, string resource, CancellationToken cancellationToken)
    {
        await using var command = SqlServerCommands.Create(Unlock, master);
        command.Parameters.AddWithValue("@resource", resource);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
