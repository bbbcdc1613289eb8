namespace DataRefresh.Providers.SqlServer.Source;

/// <summary>
/// How a run reads a SQL Server source at one point in time. The run says, and the audit records, which guarantee it had
/// (<see cref="SqlServerConsistencyModes.Guarantee"/>).
/// </summary>
internal enum SqlServerConsistency
{
    /// <summary>The default: one SNAPSHOT-isolation transaction (needs ALLOW_SNAPSHOT_ISOLATION ON); one consistent reader.</summary>
    Snapshot,

    /// <summary>A database snapshot of the source, named by run, that parallel readers share; the one object DataRefresh may create on a production server.</summary>
    DatabaseSnapshot,

    /// <summary>Parallel readers, each table consistent on its own; foreign keys are then checked and reported, not assumed.</summary>
    PerTable,
}

internal static class SqlServerConsistencyModes
{
    /// <summary>The mode a setting names (case-insensitive), or null when it names none; null or empty is the default.</summary>
    public static SqlServerConsistency? Parse(string? text) => string.IsNullOrWhiteSpace(text)
        ? SqlServerConsistency.Snapshot
        : Enum.TryParse<SqlServerConsistency>(text.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) && !int.TryParse(text, out _) ? mode : null;

    /// <summary>How many readers share the point in time (the run never reads with more in parallel).</summary>
    public static int ConsistentReaders(SqlServerConsistency mode, int parallelism) => mode == SqlServerConsistency.Snapshot ? 1 : Math.Max(1, parallelism);

    /// <summary>The guarantee in one sentence, as the run prints it and the audit records it.</summary>
    public static string Guarantee(SqlServerConsistency mode) => mode switch
    {
        SqlServerConsistency.Snapshot => "every table read in one SNAPSHOT-isolation transaction: one point in time for the whole copy",
        SqlServerConsistency.DatabaseSnapshot => "every table read from one database snapshot of the source: one point in time for the whole copy, read in parallel",
        _ => "each table read consistently on its own, not at one point in time: foreign keys between tables are checked after the load and reported",
    };
}
