namespace DataRefresh.Core.Masking.Rows;

/// <summary>The original value (the <c>keep</c> branch of a condition).</summary>
internal sealed class KeepCell : CellMasker
{
    public override object? Mask(int column, object?[] originals, object?[] results) => originals[column];
}
