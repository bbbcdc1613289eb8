namespace DataRefresh.Core.Masking.Rows;

/// <summary>
/// Produces one column's masked value from the row: <c>originals</c> are the source values (decoded where needed),
/// <c>results</c> the masked values of the columns evaluated before this one.
/// </summary>
internal abstract class CellMasker
{
    /// <summary>Whether the cell reads its own column's value (not only whether it is NULL); see <see cref="ColumnMasker.ReadsInput"/>.</summary>
    public virtual bool ReadsOwnValue => true;

    /// <summary>Columns whose values this cell reads besides its own.</summary>
    public virtual IEnumerable<int> Reads => [];

    /// <summary>Reads other columns' masked values, so it runs after every cell that does not.</summary>
    public virtual bool DependsOnMaskedValues => false;

    public abstract object? Mask(int column, object?[] originals, object?[] results);
}
