using System.Collections.Concurrent;
using DataRefresh.Core.Schema;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// What a run asked of the in-memory provider, for tests to assert on: whether the source's tables were held, how many
/// table readers were open at once, and every row handed to a table writer (even those rolled back later), so a test can
/// prove a value never reached a target. <see cref="OnBatchWritten"/> lets a test act in the middle of a copy.
/// </summary>
public sealed class InMemoryCallRecorder
{
    private readonly ConcurrentQueue<(QualifiedName Table, object?[] Row)> rowsWritten = new();
    private readonly ConcurrentDictionary<string, bool> formatsWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> events = new();
    private int holdTablesCalls;
    private int readersOpen;
    private int maxReadersOpen;
    private int readersOpened;
    private int snapshotsOpened;

    public int HoldTablesCalls => Volatile.Read(ref holdTablesCalls);

    public int ReadersOpen => Volatile.Read(ref readersOpen);

    /// <summary>The most table readers that were open at the same moment.</summary>
    public int MaxReadersOpen => Volatile.Read(ref maxReadersOpen);

    public int ReadersOpened => Volatile.Read(ref readersOpened);

    public int SnapshotsOpened => Volatile.Read(ref snapshotsOpened);

    /// <summary>Called after each batch a table writer took (before it is committed), with the table's name.</summary>
    public Action<QualifiedName>? OnBatchWritten { get; set; }

    /// <summary>The forms of the batches table writers took (the in-memory form, or values between engines).</summary>
    public IReadOnlyList<string> FormatsWritten => [.. formatsWritten.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// What happened to tables, in order: <c>written &lt;table&gt;</c> for each batch a writer took, <c>schema &lt;table&gt;</c>
    /// when a table's own post-data was built.
    /// </summary>
    public IReadOnlyList<string> Events => [.. events];

    /// <summary>Every row written to <paramref name="table"/> in any database, committed or not, in the order written.</summary>
    public IReadOnlyList<object?[]> RowsWrittenTo(QualifiedName table) => [.. rowsWritten.Where(entry => entry.Table == table).Select(entry => entry.Row)];

    internal void TableSchemaApplied(QualifiedName table) => events.Enqueue($"schema {table}");

    internal void TablesHeld() => Interlocked.Increment(ref holdTablesCalls);

    internal void SnapshotOpened() => Interlocked.Increment(ref snapshotsOpened);

    internal void ReaderOpened()
    {
        Interlocked.Increment(ref readersOpened);
        var open = Interlocked.Increment(ref readersOpen);
        int max;
        while (open > (max = Volatile.Read(ref maxReadersOpen)) && Interlocked.CompareExchange(ref maxReadersOpen, open, max) != max)
        {
        }
    }

    internal void ReaderClosed() => Interlocked.Decrement(ref readersOpen);

    internal void BatchWritten(QualifiedName table, string format, IEnumerable<object?[]> rows)
    {
        formatsWritten.TryAdd(format, true);
        events.Enqueue($"written {table}");
        foreach (var row in rows)
        {
            rowsWritten.Enqueue((table, row));
        }

        OnBatchWritten?.Invoke(table);
    }
}
