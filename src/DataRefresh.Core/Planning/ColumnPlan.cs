using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// A copied column, the rule a file gives it (null: none), and the mask that applies — its own, or the one of the key it
/// references (<see cref="InheritedFrom"/>), so that joins survive masking.
/// </summary>
public sealed record ColumnPlan(ColumnInfo Column, ColumnRule? Rule)
{
    /// <summary>The mask of the referenced key, for a foreign-key column without a rule of its own.</summary>
    public MaskRule? InheritedMask { get; init; }

    /// <summary>Where an inherited mask comes from, e.g. <c>public.customers.id (orders_customer_id_fkey)</c>.</summary>
    public string? InheritedFrom { get; init; }

    /// <summary>Must hold distinct values: a single-column unique key, or <c>unique: true</c> in its rule.</summary>
    public bool Unique { get; init; }

    public MaskRule? Mask => InheritedMask ?? Rule?.Rule;

    /// <summary>Values are replaced in at least some rows (<c>keep</c> copies them as they are).</summary>
    public bool IsMasked => Mask is { } mask && !(mask.When is null && mask.Mask.Strategy == MaskStrategy.Keep);
}
