using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Planning.Subsets;

/// <summary>
/// A job's <c>subset:</c>: the root tables whose rows are chosen, how far down the closure follows a root row's children
/// (<paramref name="ChildrenDepth"/>, 0 = parents only), and what becomes of tables the closure does not reach.
/// </summary>
public sealed record SubsetDefinition(
    IReadOnlyList<SubsetRoot> Roots,
    int ChildrenDepth,
    UnreachedPolicy Unreached,
    IReadOnlyList<SubsetTablePolicy> Policies,
    SourceLocation At);

/// <summary>
/// A root table of a subset: its rows that meet <paramref name="Where"/> (SQL of the source, like a rule's where), then
/// <paramref name="Percent"/> of them by a keyed choice on the primary key, or the <paramref name="Limit"/> whose keyed
/// hash is lowest. Both choices depend only on the row's key and the masking key, so a row that stays in the source stays
/// in the subset.
/// </summary>
public sealed record SubsetRoot(string Table, string? Where, double? Percent, long? Limit, SourceLocation At)
{
    public string Describe() => string.Join(", ", new[]
    {
        Where is null ? null : $"where {Where}",
        Percent is { } percent ? FormattableString.Invariant($"{percent}% by key") : null,
        Limit is { } limit ? FormattableString.Invariant($"the {limit:N0} lowest by keyed hash") : null,
    }.Where(part => part is not null).DefaultIfEmpty("every row"));
}

/// <summary>What a subset does with a table its closure does not reach.</summary>
public enum UnreachedPolicy
{
    /// <summary>The table is created without rows.</summary>
    Empty,

    /// <summary>Every row is copied (small lookup tables), and the parents those rows reference with them.</summary>
    Whole,
}

/// <summary>A table named under <c>whole:</c> or <c>empty:</c>, overriding <see cref="SubsetDefinition.Unreached"/>.</summary>
public sealed record SubsetTablePolicy(string Table, UnreachedPolicy Policy, SourceLocation At);
