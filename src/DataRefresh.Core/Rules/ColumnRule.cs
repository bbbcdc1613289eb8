using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary>
/// What a rule file says about one column: how it is masked, and what compliance needs to know — its
/// <paramref name="Classification"/>, the <paramref name="Reason"/> (required for <c>keep</c>) and its <paramref name="Owner"/>.
/// <paramref name="Unique"/> asks for collision-free output even where the database declares no unique constraint.
/// </summary>
public sealed record ColumnRule(
    string Column,
    MaskRule Rule,
    SourceLocation Location,
    Classification? Classification = null,
    string? Reason = null,
    string? Owner = null,
    bool Unique = false)
{
    public MaskStrategy Strategy => Rule.Mask.Strategy;

    /// <summary>Copied unchanged in every row.</summary>
    public bool IsKeep => Rule.When is null && Rule.Mask.Strategy == MaskStrategy.Keep;

    public string Describe() => Rule.Describe();

    /// <summary>A column rule built in code (tests, benchmarks): one unconditional mask, no domain.</summary>
    public static ColumnRule Of(string column, MaskStrategy strategy, params (string Name, object Value)[] parameters)
    {
        var mask = MaskDefinition.Of(strategy, parameters);
        return new ColumnRule(column, new MaskRule(mask, null, null, null, mask.Location), mask.Location, Reason: strategy == MaskStrategy.Keep ? "code" : null);
    }
}
