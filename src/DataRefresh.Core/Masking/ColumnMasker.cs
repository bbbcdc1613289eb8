namespace DataRefresh.Core.Masking;

/// <summary>
/// Replaces one column's values. Values arrive typed by <see cref="Schema.ColumnCategory"/> (string, long, decimal, double, bool, DateOnly,
/// DateTime, Guid, byte[]), null for SQL NULL; the result must have the same CLR type or be null.
/// An instance serves one worker at a time: implementations may keep per-worker state.
/// </summary>
public abstract class ColumnMasker
{
    public abstract object? Mask(object? value);

    /// <summary>
    /// Whether the output depends on the value itself, not only on whether it is NULL. Masks that do not (null, constant)
    /// get <see cref="Values.Undecodable.Value"/> for non-null values and apply without the value being decoded.
    /// </summary>
    public virtual bool ReadsInput => true;

    /// <summary>
    /// Distinct inputs always give distinct outputs (a keyed permutation, or 128 keyed bits), so a unique column stays
    /// unique with no further work.
    /// </summary>
    public virtual bool IsInjective => false;

    /// <summary>
    /// Whether <see cref="Redraw"/> can give other outputs for the same input; unique columns use it to resolve collisions
    /// deterministically.
    /// </summary>
    public virtual bool CanRedraw => false;

    /// <summary>
    /// Another deterministic output for <paramref name="value"/>: attempt 0 is <see cref="Mask"/>, attempts 1, 2, … are
    /// further keyed choices.
    /// </summary>
    public virtual object? Redraw(object? value, int attempt) =>
        attempt == 0 ? Mask(value) : throw new NotSupportedException($"{GetType().Name} has a single output per input.");
}
