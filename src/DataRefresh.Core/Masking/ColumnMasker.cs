namespace DataRefresh.Core.Masking;

/// <summary>
/// Replaces one column's values. Values arrive typed by <see cref="Schema.ColumnCategory"/> (string, long, bool, DateOnly,
/// DateTime, Guid, byte[]), null for SQL NULL; the result must have the same CLR type or be null.
/// An instance serves one worker at a time: implementations may keep per-worker state.
/// </summary>
public abstract class ColumnMasker
{
    public abstract object? Mask(object? value);
}
