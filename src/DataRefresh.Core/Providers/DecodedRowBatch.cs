namespace DataRefresh.Core.Providers;

/// <summary>
/// Rows as values, masked, in the CLR types of the value contract (<see cref="Values.ValueContract"/>): the form batches
/// take between engines that do not share a native one. One value per copied column of the table plan, in plan order.
/// </summary>
public sealed class DecodedRowBatch(IReadOnlyList<object?[]> rows) : RowBatch
{
    /// <summary>The name of this form in <see cref="ITableReader.Format"/>.</summary>
    public const string Format = "decoded";

    // A rough size, for the queue's bounds: a reference and a boxed value per cell.
    private const int BytesPerCell = 32;

    public IReadOnlyList<object?[]> Values { get; } = rows;

    public override int Rows => Values.Count;

    public override long Bytes => Values.Count == 0 ? 0 : (long)Values.Count * Values[0].Length * BytesPerCell;

    protected override void Dispose(bool disposing)
    {
    }
}
