namespace DataRefresh.Core.Masking;

/// <summary><c>mask: null</c>: every value becomes SQL NULL.</summary>
public sealed class NullMasker : ColumnMasker
{
    public override object? Mask(object? value) => null;

    public override bool ReadsInput => false;
}
