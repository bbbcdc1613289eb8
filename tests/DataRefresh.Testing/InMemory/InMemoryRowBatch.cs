namespace DataRefresh.Testing.InMemory;

/// <summary>Rows from an in-memory table reader, already masked, in the plan's column order.</summary>
public sealed class InMemoryRowBatch(IReadOnlyList<object?[]> rows) : Core.Providers.RowBatch
{
    /// <summary>The one format the in-memory reader writes and its writer takes.</summary>
    public const string Format = "in-memory rows";

    /// <summary>A rough size: the queue bound only needs an order of magnitude.</summary>
    private const int BytesPerValue = 16;

    public IReadOnlyList<object?[]> Values { get; } = rows;

    public bool IsDisposed { get; private set; }

    public override int Rows => Values.Count;

    public override long Bytes => Values.Sum(row => (long)row.Length * BytesPerValue);

    public static long EstimateBytes(object?[] row) => (long)row.Length * BytesPerValue;

    protected override void Dispose(bool disposing) => IsDisposed = true;
}
