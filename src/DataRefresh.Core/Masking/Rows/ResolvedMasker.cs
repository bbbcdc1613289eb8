namespace DataRefresh.Core.Masking.Rows;

/// <summary>A masker of a unique domain: inputs that collided are redrawn as the resolution decided, the rest masked as usual.</summary>
internal sealed class ResolvedMasker(ColumnMasker inner, UniqueResolution resolution) : ColumnMasker
{
    public override bool IsInjective => true;

    public override object? Mask(object? value) =>
        value is not null && resolution.AttemptFor(value) is var attempt and > 0 ? inner.Redraw(value, attempt) : inner.Mask(value);
}
