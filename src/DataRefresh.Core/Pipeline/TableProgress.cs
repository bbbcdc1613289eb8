namespace DataRefresh.Core.Pipeline;

/// <summary>Where one table is in a run, for progress bars: its stage and the rows written so far.</summary>
public sealed class TableProgress(string name, long estimatedRows)
{
    private long rows;
    private long bytes;
    private int stage;

    /// <summary>The table's qualified name, as the plan prints it.</summary>
    public string Name { get; } = name;

    /// <summary>The catalog's estimate of the rows to copy (the whole table; a filter copies fewer).</summary>
    public long EstimatedRows { get; } = estimatedRows;

    public long Rows => Interlocked.Read(ref rows);

    /// <summary>The size of the batches written so far (<see cref="Providers.RowBatch.Bytes"/>).</summary>
    public long Bytes => Interlocked.Read(ref bytes);

    public TableStage Stage => (TableStage)Volatile.Read(ref stage);

    internal void Add(long rowCount, long byteCount)
    {
        Interlocked.Add(ref rows, rowCount);
        Interlocked.Add(ref bytes, byteCount);
    }

    internal void MoveTo(TableStage next) => Volatile.Write(ref stage, (int)next);
}

/// <summary>The stages a table goes through in a run, in order.</summary>
public enum TableStage
{
    Waiting,
    Copying,
    BuildingIndexes,
    Done,
}
