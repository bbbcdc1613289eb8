namespace DataRefresh.Core.Planning;

/// <summary>
/// The tables of a refresh in load order (largest first: constraints are built after the load, so foreign keys do not
/// constrain the order, and starting the longest copies first finishes soonest), what validation found, and the unique
/// domains whose collisions must be resolved before the copy. <paramref name="LargeObjects"/> is what happens to the
/// source's large objects, or null when it has none.
/// </summary>
public sealed record RefreshPlan(IReadOnlyList<TablePlan> Tables, IReadOnlyList<PlanFinding> Findings, IReadOnlyList<UniqueDomain> UniqueDomains, LargeObjectPlan? LargeObjects = null)
{
    public int MaskedColumnCount => Tables.Sum(table => table.Columns.Count(column => column.IsMasked));

    public IEnumerable<PlanFinding> Errors => Findings.Where(finding => finding.Severity == FindingSeverity.Error);

    public IEnumerable<PlanFinding> Warnings => Findings.Where(finding => finding.Severity == FindingSeverity.Warning);
}
