namespace DataRefresh.Core.Pipeline;

/// <summary>Live counters of a run, updated by the copy workers and read by whoever shows progress.</summary>
public sealed class RefreshProgress
{
    public int TablesTotal => Tables.Count;

    /// <summary>Every planned table in load order, known once the run has planned (empty before).</summary>
    public IReadOnlyList<TableProgress> Tables { get; private set; } = [];

    /// <summary>Tables whose rows are all in (or that copy none).</summary>
    public int TablesDone => Tables.Count(table => table.Stage >= TableStage.BuildingIndexes);

    public long RowsCopied => Tables.Sum(table => table.Rows);

    public long BytesCopied => Tables.Sum(table => table.Bytes);

    /// <summary>The catalog's estimate of the planned tables' rows (whole tables; a filter copies fewer).</summary>
    public long EstimatedRows => Tables.Sum(table => table.EstimatedRows);

    /// <summary>What the run is doing now ("schema (pre-data)", "data", …), for progress lines.</summary>
    public string Phase { get; internal set; } = "planning";

    /// <summary>What the run has done so far, kept when it fails, for the audit record.</summary>
    public RunJournal Journal { get; } = new();

    internal void Planned(IReadOnlyList<TableProgress> tables) => Tables = tables;

    /// <summary>A planned table's progress.</summary>
    internal TableProgress Table(string name) => Tables.First(table => table.Name == name);
}
