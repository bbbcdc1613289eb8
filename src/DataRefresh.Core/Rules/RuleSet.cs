using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary>
/// All rules a job uses, merged from its rule files. A table may be described in one file only. <paramref name="Unlisted"/>
/// is the strictest policy any of the files sets. <paramref name="LargeObjects"/> is the one file's decision on large
/// objects, or null when no file makes one.
/// </summary>
public sealed record RuleSet(IReadOnlyList<string> Files, IReadOnlyList<TableRule> Tables, UnlistedPolicy Unlisted = UnlistedPolicy.Fail, LargeObjectRule? LargeObjects = null)
{
    /// <summary>The <c>draft:</c> marks of files nobody has reviewed yet: <c>plan</c> and <c>report</c> read them, nothing runs on them.</summary>
    public IReadOnlyList<SourceLocation> Drafts { get; init; } = [];

    /// <summary>
    /// Refuses rules that are still drafts: a drafted <c>keep</c> is a guess, and copying on guesses is what default-deny is
    /// there to prevent. <paramref name="what"/> names the refused act ("run", "validate").
    /// </summary>
    public void EnsureReviewed(string what)
    {
        if (Drafts.Count > 0)
        {
            throw new FileFormatException(
                Drafts[0],
                $"this rule file is a draft, so {what} refuses it: review every column's rule (plan and report show them), then delete the 'draft:' line.");
        }
    }
}
