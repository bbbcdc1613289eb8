namespace DataRefresh.Core.Masking;

/// <summary>
/// A mask applied to every element of an array (<c>hash</c> of a <c>text[]</c> hashes each tag): NULL elements stay
/// NULL, and the array keeps its length and shape, so only element values change.
/// </summary>
public sealed class ArrayElementMasker(ColumnMasker element) : ColumnMasker
{
    public override object? Mask(object? value)
    {
        if (value is not object?[] elements)
        {
            return value is null ? null : throw new InvalidOperationException($"An array column's reader gave a {value.GetType().Name}; arrays are object?[].");
        }

        var masked = new object?[elements.Length];
        for (var index = 0; index < elements.Length; index++)
        {
            masked[index] = element.Mask(elements[index]);
        }

        return masked;
    }
}
