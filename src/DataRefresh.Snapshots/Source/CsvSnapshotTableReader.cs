using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Providers;
using DataRefresh.Snapshots.Csv;

namespace DataRefresh.Snapshots.Source;

/// <summary>Yields a snapshot table's rows as values, through the restore's row masker (its rules, and a subset if any).</summary>
internal sealed class CsvSnapshotTableReader(CsvTableReader csv, RowMasker masker, TableReadOptions options) : ITableReader
{
    public string Format => DecodedRowBatch.Format;

    public async ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<object?[]>();
        while (rows.Count < options.BatchSize && await csv.ReadAsync(cancellationToken) is { } values)
        {
            var results = new object?[values.Length];
            if (!masker.Mask(values, results))
            {
                continue;
            }

            for (var column = 0; column < values.Length; column++)
            {
                results[column] = masker.Replaces(column) ? results[column] : values[column];
            }

            rows.Add(results);
        }

        return rows.Count == 0 ? null : new DecodedRowBatch(rows);
    }

    public ValueTask DisposeAsync() => csv.DisposeAsync();
}
