namespace DataRefresh.Core.Rules;

/// <summary>One rule file as read: its tables and the <c>unlisted</c> policy it sets (null when it sets none).</summary>
public sealed record RuleFile(string Path, IReadOnlyList<TableRule> Tables, UnlistedPolicy? Unlisted);
