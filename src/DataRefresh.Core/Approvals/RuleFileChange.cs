namespace DataRefresh.Core.Approvals;

/// <summary>
/// How one rule file differs from the approved version: <c>added</c> (not in it), <c>removed</c> (no longer used),
/// <c>changed</c> (other bytes; <paramref name="Lines"/> is the line diff, null when too long to show) or <c>unchanged</c>.
/// </summary>
public sealed record RuleFileChange(string Path, string Status, IReadOnlyList<DiffLine?>? Lines)
{
    /// <summary>Every file of either version, by path: what a reviewer approves when approving <paramref name="current"/>.</summary>
    public static IReadOnlyList<RuleFileChange> Between(RuleVersion? approved, RuleVersion current)
    {
        var paths = current.Files.Select(file => file.Path).Union((approved?.Files ?? []).Select(file => file.Path)).Order(StringComparer.Ordinal);
        return paths.Select(path => (approved?.Find(path), current.Find(path)) switch
        {
            (null, { } added) => new RuleFileChange(path, "added", LineDiff.Compare("", added.Text)),
            ({ } removed, null) => new RuleFileChange(path, "removed", LineDiff.Compare(removed.Text, "")),
            ({ } before, { } after) when before.Sha256 != after.Sha256 => new RuleFileChange(path, "changed", LineDiff.Compare(before.Text, after.Text)),
            _ => new RuleFileChange(path, "unchanged", []),
        }).ToList();
    }
}
