using DataRefresh.Core.Rules;

namespace DataRefresh.Core.Reporting;

/// <summary>
/// Says whether a mask's output depends on the masking key. Reviewers ask this because a keyed mask cannot be reversed or
/// replayed without the key, while a plain function (null, constant, partial, …) gives the same output to anyone.
/// </summary>
internal static class MaskDeterminism
{
    public const string Keyed = "deterministic under the masking key";
    public const string Plain = "deterministic (no key)";

    /// <summary>One phrase per branch, so a rule with <c>when</c> shows what each branch does.</summary>
    public static string Describe(MaskRule rule) => rule.When is null
        ? Describe(rule.Mask)
        : $"when {rule.When}: {Describe(rule.Mask)}; otherwise: {Describe(rule.Otherwise!)}";

    public static string Describe(MaskDefinition mask) => mask.Strategy == MaskStrategy.Template
        ? "derived from the row's masked columns"
        : IsKeyed(mask) ? Keyed : Plain;

    /// <summary>The catalog's answer, refined where parameters decide: a literal redact replacement needs no key, a json mask is keyed when any of its paths is.</summary>
    public static bool IsKeyed(MaskDefinition mask) => mask.Strategy switch
    {
        MaskStrategy.RedactText => mask.Text("replacement") is null,
        MaskStrategy.Json => mask.JsonPaths("paths").Any(path => path.Rule.Branches().Any(branch => IsKeyed(branch.Mask))),
        _ => mask.Spec.Keyed,
    };
}
