namespace DataRefresh.Core.Rules;

/// <summary>
/// All rules a job uses, merged from its rule files. A table may be described in one file only. <paramref name="Unlisted"/>
/// is the strictest policy any of the files sets. <paramref name="LargeObjects"/> is the one file's decision on large
/// objects, or null when no file makes one.
/// </summary>
public sealed record RuleSet(IReadOnlyList<string> Files, IReadOnlyList<TableRule> Tables, UnlistedPolicy Unlisted = UnlistedPolicy.Fail, LargeObjectRule? LargeObjects = null);
