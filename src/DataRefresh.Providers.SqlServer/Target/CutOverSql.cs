namespace DataRefresh.Providers.SqlServer.Target;

/// <summary>The T-SQL of the cut-over and its journal, in one place so tests parse every statement with ScriptDom.</summary>
internal static class CutOverSql
{
    /// <summary>The database on each target server that holds DataRefresh's journal (never a copy, never production).</summary>
    public const string ControlDatabase = "DataRefresh";

    private static readonly string Journal = $"{SqlServerDialect.Quote(ControlDatabase)}.[dbo].[cutover_journal]";

    public const string Exists = "SELECT DB_ID(@name);";

    public static readonly string CreateJournal =
        $"IF DB_ID({SqlServerDialect.Literal(ControlDatabase)}) IS NULL CREATE DATABASE {SqlServerDialect.Quote(ControlDatabase)};\n" +
        $"IF OBJECT_ID({SqlServerDialect.Literal(Journal)}, N'U') IS NULL\n" +
        $"    EXEC (N'CREATE TABLE {Journal.Replace("'", "''", StringComparison.Ordinal)} (target sysname NOT NULL PRIMARY KEY, side sysname NOT NULL, aside sysname NOT NULL, keep_previous bit NOT NULL, run_id nvarchar(64) NOT NULL, step tinyint NOT NULL, written_at datetime2 NOT NULL DEFAULT SYSUTCDATETIME())');";

    public static readonly string WriteJournal =
        "SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n" +
        $"DELETE FROM {Journal} WHERE target = @target;\n" +
        $"INSERT INTO {Journal} (target, side, aside, keep_previous, run_id, step) VALUES (@target, @side, @aside, @keep_previous, @run_id, @step);\n" +
        "COMMIT TRANSACTION;";

    public static readonly string ReadJournal =
        $"IF OBJECT_ID({SqlServerDialect.Literal(Journal)}, N'U') IS NOT NULL SELECT side, aside, keep_previous, run_id, step FROM {Journal} WHERE target = @target;";

    public static readonly string DeleteJournal = $"DELETE FROM {Journal} WHERE target = @target;";

    public static string EndSessions(string database) => $"ALTER DATABASE {SqlServerDialect.Quote(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;";

    public static string ReopenSessions(string database) => $"ALTER DATABASE {SqlServerDialect.Quote(database)} SET MULTI_USER;";

    public static string Rename(string database, string newName) => $"ALTER DATABASE {SqlServerDialect.Quote(database)} MODIFY NAME = {SqlServerDialect.Quote(newName)};";

    public static string Drop(string database) =>
        $"ALTER DATABASE {SqlServerDialect.Quote(database)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nDROP DATABASE {SqlServerDialect.Quote(database)};";
}
