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

    /// <summary>
    /// The next batch's rows from a reader of stored values: up to <see cref="TableReadOptions.BatchSize"/> rows or about
    /// <see cref="TableReadOptions.MaxBatchBytes"/>, each cell read by <paramref name="read"/> (SQL NULL as null) and the row
    /// passed through <paramref name="mask"/>, which drops it by returning null; null after the last row.
    /// </summary>
    public static async Task<IReadOnlyList<object?[]>?> ReadRowsAsync(
        System.Data.Common.DbDataReader reader, int width, TableReadOptions options, Func<int, object> read, Func<object?[], object?[]?> mask, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        long bytes = 0;
        while (rows.Count < options.BatchSize && bytes < options.MaxBatchBytes && await reader.ReadAsync(cancellationToken))
        {
            var stored = new object?[width];
            for (var column = 0; column < width; column++)
            {
                var value = read(column);
                stored[column] = value is DBNull or System.Data.SqlTypes.INullable { IsNull: true } ? null : value;
                bytes += value switch { string text => text.Length * 2, byte[] blob => blob.Length, _ => 8 };
            }

            if (mask(stored) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows.Count == 0 ? null : rows;
    }

    public override int Rows => Values.Count;

    public override long Bytes => Values.Count == 0 ? 0 : (long)Values.Count * Values[0].Length * BytesPerCell;

    protected override void Dispose(bool disposing)
    {
    }
}
