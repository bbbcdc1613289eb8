namespace DataRefresh.Core.Rules;

/// <summary>All rules a job uses, merged from its rule files. A table may be described in one file only.</summary>
public sealed record RuleSet(IReadOnlyList<string> Files, IReadOnlyList<TableRule> Tables);
