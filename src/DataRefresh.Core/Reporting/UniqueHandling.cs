namespace DataRefresh.Core.Reporting;

/// <summary>How a column that must hold distinct values stays distinct after masking.</summary>
public enum UniqueHandling
{
    /// <summary>Copied unchanged, so as distinct as in the source.</summary>
    Unchanged,

    /// <summary>Masked like the key it references.</summary>
    Inherited,

    /// <summary>The mask maps distinct inputs to distinct outputs (hash, format-preserving, card, null).</summary>
    Injective,

    /// <summary>The mask can repeat values; collisions are resolved before the copy (fake, lookup).</summary>
    Resolved,

    /// <summary>The mask can repeat values and nothing resolves them: validation reports an error.</summary>
    Unsafe,
}
