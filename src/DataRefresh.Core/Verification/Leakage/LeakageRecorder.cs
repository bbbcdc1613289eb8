using System.Collections.Concurrent;
using DataRefresh.Core.Masking;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// Gathers leakage evidence for a whole run while rows are masked, so production values are never read a second time:
/// each worker gets its own <see cref="TableLeakageCollector"/> (no lock per cell), and <see cref="Columns"/> merges them
/// once the copy is done. A retried slice replaces its failed attempt's collector, so no row counts twice.
/// </summary>
public sealed class LeakageRecorder(MaskingKey key, int capacity = FingerprintSample.DefaultCapacity)
{
    private readonly ConcurrentDictionary<(QualifiedName Table, int Slice), TableLeakageCollector> collectors = new();

    /// <summary>A collector for one worker copying <paramref name="slice"/> of <paramref name="plan"/>, or null when no column of it is checked.</summary>
    public TableLeakageCollector? StartWorker(TablePlan plan, TableSlice slice)
    {
        var positions = Enumerable.Range(0, plan.Columns.Count).Where(index => IsChecked(plan.Columns[index])).ToList();
        if (positions.Count == 0)
        {
            return null;
        }

        var collector = new TableLeakageCollector(plan, positions, key, capacity);
        collectors[(plan.Table.Name, slice.Number)] = collector;
        return collector;
    }

    /// <summary>Every checked column with the evidence of all its workers, in table and column order.</summary>
    public IReadOnlyList<ColumnLeakage> Columns()
    {
        var merged = new Dictionary<(QualifiedName, string), ColumnLeakage>();
        foreach (var collector in collectors.Values)
        {
            foreach (var column in collector.Columns)
            {
                var id = (column.Table, column.Column.Column.Name);
                if (!merged.TryGetValue(id, out var total))
                {
                    merged[id] = total = new ColumnLeakage(column.Table, column.Column, capacity);
                }

                total.Merge(column);
            }
        }

        return [.. merged.Values.OrderBy(column => column.Table.ToString(), StringComparer.Ordinal).ThenBy(column => column.Column.Column.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Masked columns, except those whose every value becomes NULL or one constant: they cannot leak a value. Arrays are
    /// masked element by element and not compared here.
    /// </summary>
    private static bool IsChecked(ColumnPlan column) =>
        column.IsMasked && column.Column.Category != Schema.ColumnCategory.Array && column.Mask!.Branches().Any(rule => rule.Mask.Strategy is not (MaskStrategy.Null or MaskStrategy.Constant));
}
