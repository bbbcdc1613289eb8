namespace DataRefresh.Core.Planning;

/// <summary>How a mask treats distinct inputs on a unique column (see <see cref="UniquenessCheck.Safety"/>).</summary>
public enum Uniqueness
{
    /// <summary>Distinct inputs always give distinct outputs.</summary>
    Injective,

    /// <summary>Outputs can repeat, but the mask can redraw, so collisions are resolved before the copy.</summary>
    Resolvable,

    /// <summary>Outputs can repeat and nothing resolves them.</summary>
    Unsafe,
}
