namespace DataRefresh.Core.History;

/// <summary>How a run ended: its outcome, exit code, sanitized error sentence and the rows each table received.</summary>
public sealed record RunEnd(
    string RunId,
    RunOutcome Outcome,
    DateTimeOffset EndedAt,
    int ExitCode,
    string? Error,
    IReadOnlyList<TableRows> Tables)
{
    /// <summary>
    /// The size of the batches the run copied: binary COPY bytes between PostgreSQL servers, an estimate of the values'
    /// size for other engines (SQLite, SQL Server, across engines).
    /// </summary>
    public long BytesCopied { get; init; }
}

/// <summary>Rows copied into one table (schema-qualified name).</summary>
public sealed record TableRows(string Table, long Rows);
