using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// Loads one table or slice into a side database: rows are buffered and land only on <see cref="CompleteAsync"/> (a
/// whole table replaces its rows, a slice appends); disposing without completing drops the buffer, as a rollback would.
/// </summary>
internal sealed class InMemoryTableWriter(InMemoryDatabase side, TablePlan plan, TableSlice slice, InMemoryCallRecorder calls, InMemoryFailures failures) : ITableWriter
{
    private readonly List<object?[]> buffered = [];
    private readonly int[] positions = [.. plan.Columns.Select(column => side.ColumnIndex(plan.Table.Name, column.Column.Name))];
    private readonly int width = side.Table(plan.Table.Name).Columns.Count;
    private int batches;

    public ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        failures.BeforeWrite(plan.Table.Name, batches);
        var (format, values) = batch switch
        {
            InMemoryRowBatch rows => (InMemoryRowBatch.Format, rows.Values),
            DecodedRowBatch rows => (DecodedRowBatch.Format, rows.Values),
            _ => throw new InMemoryDatabaseException($"the in-memory writer takes {InMemoryRowBatch.Format} or {DecodedRowBatch.Format}, not {batch.GetType().Name}", isTransient: false),
        };

        var mapped = values.Select(ToTableOrder).ToList();
        buffered.AddRange(mapped);
        batches++;
        calls.BatchWritten(plan.Table.Name, format, mapped);
        return ValueTask.CompletedTask;
    }

    public Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (slice.IsWhole)
        {
            side.Replace(plan.Table.Name, buffered);
        }
        else
        {
            side.Insert(plan.Table.Name, buffered);
        }

        buffered.Clear();
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        buffered.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>Rows arrive in the plan's column order (generated columns left out); the table keeps its own order.</summary>
    private object?[] ToTableOrder(object?[] row)
    {
        var stored = new object?[width];
        for (var column = 0; column < positions.Length; column++)
        {
            stored[positions[column]] = row[column];
        }

        return stored;
    }
}
