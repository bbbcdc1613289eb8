using DataRefresh.Core.Masking;
using DataRefresh.Core.Planning;

namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// One worker's leakage evidence for one table: called by the row masker after each row with the row's original and
/// masked values, it fingerprints the masked columns' cells. Owned by one worker, so it takes no lock.
/// </summary>
public sealed class TableLeakageCollector
{
    private readonly int[] positions;
    private readonly ValueFingerprint[] fingerprints;

    internal TableLeakageCollector(TablePlan plan, IReadOnlyList<int> positions, MaskingKey key, int capacity)
    {
        this.positions = [.. positions];
        Columns = [.. positions.Select(position => new ColumnLeakage(plan.Table.Name, plan.Columns[position], capacity))];

        // Seeded from the masking key and the column, like the masks, so no fixed function of the values is computed.
        fingerprints = [.. positions.Select(position => new ValueFingerprint(key, $"{plan.Table.Name}\0{plan.Columns[position].Column.Name}"))];
    }

    public IReadOnlyList<ColumnLeakage> Columns { get; }

    public void Observe(object?[] originals, object?[] results)
    {
        for (var index = 0; index < positions.Length; index++)
        {
            // A value that was not decoded is not fingerprinted: its cell was written as NULL (see RowMasker).
            var original = originals[positions[index]] is Values.Undecodable ? null : originals[positions[index]];
            var masked = results[positions[index]];
            var fingerprint = fingerprints[index];
            Columns[index].Observe(
                original is null ? 0 : fingerprint.Compute(original),
                masked is null ? 0 : fingerprint.Compute(masked),
                original is null,
                masked is null);
        }
    }
}
