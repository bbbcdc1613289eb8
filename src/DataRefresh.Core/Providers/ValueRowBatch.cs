namespace DataRefresh.Core.Providers;

/// <summary>
/// A batch held as rows of values: one array per row, one cell per copied column of the table plan, in plan order. What
/// the values are — the value contract's CLR types, or an engine's own storage values — is the subclass's form, so a
/// writer tells them apart by type.
/// </summary>
public abstract class ValueRowBatch(IReadOnlyList<object?[]> rows) : RowBatch
{
    // A rough size, for the queue's bounds: a reference and a boxed value per cell.
    private const int BytesPerCell = 32;

    public IReadOnlyList<object?[]> Values { get; } = rows;

    public override int Rows => Values.Count;

    public override long Bytes => Values.Count == 0 ? 0 : (long)Values.Count * Values[0].Length * BytesPerCell;

    protected override void Dispose(bool disposing)
    {
    }
}
