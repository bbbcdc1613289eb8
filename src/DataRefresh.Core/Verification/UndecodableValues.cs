using System.Collections.Concurrent;
using System.Globalization;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Verification;

/// <summary>
/// The values of masked columns that a mask had to read but the reader could not decode (numeric NaN or beyond decimal,
/// infinite dates and timestamps, …). Each was written as NULL, never as its original; any count fails verification with
/// the check <see cref="Check"/>, naming table, column and how many, so the copy never replaces the target. Each worker
/// counts into its own array; a retried slice replaces its failed attempt's counts.
/// </summary>
public sealed class UndecodableValues
{
    public const string Check = "undecodable values";

    private readonly ConcurrentDictionary<(QualifiedName Table, int Slice), (TablePlan Plan, long[] Counts)> workers = new();

    /// <summary>The per-column counters of one worker copying <paramref name="slice"/> of <paramref name="plan"/>.</summary>
    public long[] StartWorker(TablePlan plan, TableSlice slice)
    {
        var counts = new long[plan.Columns.Count];
        workers[(plan.Table.Name, slice.Number)] = (plan, counts);
        return counts;
    }

    /// <summary>One failed check per column that had undecodable values, in table and column order; none when all were read.</summary>
    public IReadOnlyList<VerificationCheck> Checks() =>
        [.. workers.Values
            .SelectMany(worker => worker.Plan.Columns.Select((column, index) => (worker.Plan, Column: column, Count: Volatile.Read(ref worker.Counts[index]))))
            .Where(entry => entry.Count > 0)
            .GroupBy(entry => (Table: entry.Plan.Table.Name.ToString(), Column: entry.Column.Column.Name))
            .OrderBy(group => group.Key.Table, StringComparer.Ordinal).ThenBy(group => group.Key.Column, StringComparer.Ordinal)
            .Select(group =>
            {
                var column = group.First().Column;
                var count = group.Sum(entry => entry.Count).ToString("N0", CultureInfo.InvariantCulture);
                return new VerificationCheck(
                    group.Key.Table, group.Key.Column, Check, CheckOutcome.Failed,
                    $"{count} {column.Column.DataType} values that mask {column.Mask!.Describe()} cannot read (not a number, infinite, or beyond 28 digits or the year 9999); " +
                    "they were not copied. Mask the column with null or constant, or exclude the rows with a where filter");
            })];
}
