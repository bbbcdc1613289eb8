using DataRefresh.Core.Planning;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Verification.Leakage;

/// <summary>
/// What the copy saw of one masked column, without a value: non-null source rows, rows whose masked value equals the
/// same row's original, and fingerprint samples of the original and masked values. Built per worker, merged at the end.
/// </summary>
public sealed class ColumnLeakage(QualifiedName table, ColumnPlan column, int capacity)
{
    public QualifiedName Table { get; } = table;

    public ColumnPlan Column { get; } = column;

    public long NonNullRows { get; private set; }

    public long UnchangedRows { get; private set; }

    public FingerprintSample Sample { get; } = new(capacity);

    /// <summary>
    /// One cell, as fingerprints of its original and masked value (0 stands for NULL: a real fingerprint is 0 once in
    /// 2^64). Equal values have equal fingerprints, so equal fingerprints count as an unchanged value.
    /// </summary>
    public void Observe(ulong original, ulong masked, bool originalIsNull, bool maskedIsNull)
    {
        if (!originalIsNull)
        {
            NonNullRows++;
            Sample.AddOriginal(original);
            if (!maskedIsNull && original == masked)
            {
                UnchangedRows++;
            }
        }

        if (!maskedIsNull)
        {
            Sample.AddMasked(masked);
        }
    }

    public void Merge(ColumnLeakage other)
    {
        NonNullRows += other.NonNullRows;
        UnchangedRows += other.UnchangedRows;
        Sample.Merge(other.Sample);
    }
}
