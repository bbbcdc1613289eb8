using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary>One rule file as read: its tables, the <c>unlisted</c> policy and the <c>largeObjects</c> decision it sets (null when it sets none).</summary>
public sealed record RuleFile(string Path, IReadOnlyList<TableRule> Tables, UnlistedPolicy? Unlisted, LargeObjectRule? LargeObjects = null)
{
    /// <summary>Where the file's <c>draft:</c> mark is, when it has one: written by <c>init</c> or <c>scan</c>, removed by its reviewer.</summary>
    public SourceLocation? Draft { get; init; }
}
