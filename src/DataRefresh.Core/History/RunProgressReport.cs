namespace DataRefresh.Core.History;

/// <summary>
/// How far a running run is, as it last wrote to the history store (every few seconds) for the console: its phase,
/// tables whose rows are all in, rows and bytes copied so far, and the catalog's estimate of the rows to copy (the whole
/// tables; a filter copies fewer). Counts only, never a value.
/// </summary>
public sealed record RunProgressReport(string Phase, int TablesDone, int TablesTotal, long RowsCopied, long EstimatedRows, long BytesCopied, DateTimeOffset At);
