namespace DataRefresh.Core.Rules;

/// <summary>One rule file as read: its tables, the <c>unlisted</c> policy and the <c>largeObjects</c> decision it sets (null when it sets none).</summary>
public sealed record RuleFile(string Path, IReadOnlyList<TableRule> Tables, UnlistedPolicy? Unlisted, LargeObjectRule? LargeObjects = null);
