using DataRefresh.Core.Values;

namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// Masks the rows of one table, column by column in an order that lets templates read masked values. A provider decodes
/// the columns <see cref="Decodes"/> names, passes <see cref="Undecodable.Value"/> for every other non-null value (and for
/// values it cannot decode), calls <see cref="Mask"/>, and writes <c>results</c> for the columns <see cref="Replaces"/>
/// names — never the original bytes of a replaced column — and the original bytes for the rest; a row <see cref="Mask"/>
/// turns down (outside the run's subset) is not written at all. One instance per worker.
/// </summary>
public sealed class RowMasker
{
    private readonly CellMasker?[] cells;
    private readonly int[] order;
    private readonly int[][] reads;
    private readonly Verification.Leakage.TableLeakageCollector? leakage;
    private readonly long[] undecodable;
    private readonly Planning.Subsets.RowSubset? subset;

    internal RowMasker(CellMasker?[] cells, Verification.Leakage.TableLeakageCollector? leakage = null, long[]? undecodable = null, Planning.Subsets.RowSubset? subset = null)
    {
        this.cells = cells;
        this.leakage = leakage;
        this.undecodable = undecodable ?? new long[cells.Length];
        this.subset = subset;
        var decodes = new bool[cells.Length];
        foreach (var column in subset?.Columns ?? [])
        {
            decodes[column] = true;
        }

        reads = new int[cells.Length][];
        for (var column = 0; column < cells.Length; column++)
        {
            if (cells[column] is not { } cell)
            {
                continue;
            }

            reads[column] = [.. (cell.ReadsOwnValue ? cell.Reads.Append(column) : cell.Reads).Distinct()];
            foreach (var read in reads[column])
            {
                decodes[read] = true;
            }
        }

        Decodes = decodes;
        order = Enumerable.Range(0, cells.Length)
            .Where(column => cells[column] is not null)
            .OrderBy(column => cells[column]!.DependsOnMaskedValues)
            .ToArray();
    }

    /// <summary>Per column: whether its value must be decoded (a mask reads it, not only whether it is NULL).</summary>
    public IReadOnlyList<bool> Decodes { get; }

    /// <summary>No column is replaced and every row goes: rows can be copied as they are.</summary>
    public bool IsPassThrough => order.Length == 0 && subset is null;

    public bool Replaces(int column) => cells[column] is not null;

    /// <summary>Per column: how many of its values were written as NULL because a value its mask reads was not decodable.</summary>
    public IReadOnlyList<long> UndecodableCounts => undecodable;

    /// <summary>
    /// Masks one row into <paramref name="results"/>, or returns false for a row the run's subset does not copy: the
    /// provider then skips it (nothing of it is masked, observed or written).
    /// </summary>
    public bool Mask(object?[] originals, object?[] results)
    {
        if (subset is not null && !subset.Contains(originals))
        {
            return false;
        }

        foreach (var column in order)
        {
            if (ReadsUndecodable(column, originals))
            {
                // Fail closed: the mask cannot run, so the cell gets NULL rather than anything derived from the original,
                // and the count stops the run before cut-over.
                results[column] = null;
                undecodable[column]++;
                continue;
            }

            results[column] = cells[column]!.Mask(column, originals, results);
        }

        // Here alone both the original and the masked value of each cell are at hand: verification's evidence is taken
        // now, as fingerprints, so production values never have to be read again.
        leakage?.Observe(originals, results);
        return true;
    }

    /// <summary>
    /// For providers that read rows as values: the row as it goes to the target, from its cells as the engine
    /// <paramref name="stored"/> them, or null for a row outside the subset. Masks see the columns <see cref="Decodes"/>
    /// names through <paramref name="decode"/> (cell, column) and <see cref="Undecodable.Value"/> for the rest; replaced
    /// cells take the masks' results and the others stay as stored — or, with <paramref name="toContract"/> (a target of
    /// another engine), are decoded too, where a value that does not decode stops the read with
    /// <paramref name="undecodableColumn"/>'s exception (naming the column, never the value).
    /// </summary>
    public object?[]? MaskStored(object?[] stored, Func<object?, int, object?> decode, bool toContract, Func<int, Exception> undecodableColumn)
    {
        object?[] row;
        if (IsPassThrough)
        {
            row = stored;
        }
        else
        {
            var originals = new object?[stored.Length];
            for (var column = 0; column < stored.Length; column++)
            {
                originals[column] = stored[column] is null ? null : Decodes[column] ? decode(stored[column], column) : Undecodable.Value;
            }

            row = new object?[stored.Length];
            if (!Mask(originals, row))
            {
                return null;
            }

            for (var column = 0; column < stored.Length; column++)
            {
                if (!Replaces(column))
                {
                    row[column] = stored[column];
                }
            }
        }

        if (toContract)
        {
            for (var column = 0; column < row.Length; column++)
            {
                if (!Replaces(column) && row[column] is not null)
                {
                    var value = decode(stored[column], column);
                    row[column] = value is Undecodable ? throw undecodableColumn(column) : value;
                }
            }
        }

        return row;
    }

    private bool ReadsUndecodable(int column, object?[] originals)
    {
        foreach (var read in reads[column])
        {
            if (ReferenceEquals(originals[read], Undecodable.Value))
            {
                return true;
            }
        }

        return false;
    }
}
