namespace DataRefresh.Core.Pipeline;

/// <summary>Live counters of a run, updated by the copy workers and read by whoever shows progress.</summary>
public sealed class RefreshProgress
{
    private long rowsCopied;
    private int tablesDone;

    public int TablesTotal => Tables.Count;

    /// <summary>Every planned table in load order, known once the run has planned (empty before).</summary>
    public IReadOnlyList<TableProgress> Tables { get; private set; } = [];

    public int TablesDone => Volatile.Read(ref tablesDone);

    public long RowsCopied => Interlocked.Read(ref rowsCopied);

    /// <summary>What the run is doing now ("schema (pre-data)", "data", …), for progress lines.</summary>
    public string Phase { get; internal set; } = "planning";

    /// <summary>What the run has done so far, kept when it fails, for the audit record.</summary>
    public RunJournal Journal { get; } = new();

    internal void Planned(IReadOnlyList<TableProgress> tables) => Tables = tables;

    internal TableProgress? Table(string name) => Tables.FirstOrDefault(table => table.Name == name);

    internal void AddRows(long rows) => Interlocked.Add(ref rowsCopied, rows);

    internal void TableDone() => Interlocked.Increment(ref tablesDone);
}
