namespace DataRefresh.Core.Masking;

/// <summary><c>mask: constant</c>: every non-null value becomes the same value (NULL stays NULL: it reveals nothing).</summary>
public sealed class ConstantMasker(object constant) : ColumnMasker
{
    public override object? Mask(object? value) => value is null ? null : constant;

    public override bool ReadsInput => false;
}
