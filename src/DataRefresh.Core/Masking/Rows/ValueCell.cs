namespace DataRefresh.Core.Masking.Rows;

/// <summary>A column masked from its own value alone.</summary>
internal sealed class ValueCell(ColumnMasker masker) : CellMasker
{
    public override bool ReadsOwnValue => masker.ReadsInput;

    public override object? Mask(int column, object?[] originals, object?[] results) => masker.Mask(originals[column]);
}
