namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// Masks the rows of one table, column by column in an order that lets templates read masked values. A provider decodes
/// the columns <see cref="Decodes"/> names, calls <see cref="Mask"/>, and writes <c>results</c> for the columns
/// <see cref="Replaces"/> names, the original bytes for the rest. One instance per worker.
/// </summary>
public sealed class RowMasker
{
    private readonly CellMasker?[] cells;
    private readonly int[] order;
    private readonly Verification.Leakage.TableLeakageCollector? leakage;

    internal RowMasker(CellMasker?[] cells, Verification.Leakage.TableLeakageCollector? leakage = null)
    {
        this.cells = cells;
        this.leakage = leakage;
        var decodes = new bool[cells.Length];
        for (var column = 0; column < cells.Length; column++)
        {
            if (cells[column] is { } cell)
            {
                decodes[column] = true;
                foreach (var read in cell.Reads)
                {
                    decodes[read] = true;
                }
            }
        }

        Decodes = decodes;
        order = Enumerable.Range(0, cells.Length)
            .Where(column => cells[column] is not null)
            .OrderBy(column => cells[column]!.DependsOnMaskedValues)
            .ToArray();
    }

    /// <summary>Per column: whether its value must be decoded (it is masked, or a mask reads it).</summary>
    public IReadOnlyList<bool> Decodes { get; }

    /// <summary>No column is replaced: rows can be copied as they are.</summary>
    public bool IsPassThrough => order.Length == 0;

    public bool Replaces(int column) => cells[column] is not null;

    public void Mask(object?[] originals, object?[] results)
    {
        foreach (var column in order)
        {
            results[column] = cells[column]!.Mask(column, originals, results);
        }

        // Here alone both the original and the masked value of each cell are at hand: verification's evidence is taken
        // now, as fingerprints, so production values never have to be read again.
        leakage?.Observe(originals, results);
    }
}
