namespace DataRefresh.Core.Rules;

/// <summary>
/// What a run does with a source column that no rule masks or keeps (<c>unlisted:</c> in a rule file). <see cref="Fail"/>,
/// the default, stops before any data moves, so a column added to production after the rules were written cannot leak.
/// </summary>
public enum UnlistedPolicy
{
    Fail,
    Warn,
    Keep,
}
