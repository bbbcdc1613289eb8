namespace DataRefresh.Core.Drift;

/// <summary>
/// A check of a scheduled job's rules against its source, made ahead of a firing (<c>DataRefresh:Scheduler:DriftCheckLead</c>):
/// the problems that would stop that run before data moves — default-deny on a new column, a rule naming a column that is
/// gone, rules not approved — as the sentences the run would print, never a value. <paramref name="Basis"/> names what
/// was checked (<see cref="DriftCheckBasis"/>): a check is made again for the same firing only when it changes.
/// </summary>
public sealed record DriftCheck(string Job, DateTimeOffset FiringAt, string Basis, string Node, DateTimeOffset CheckedAt, IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>Whether this check already answers for the firing at <paramref name="firingAt"/> with rules as <paramref name="basis"/> says.</summary>
    public bool Covers(DateTimeOffset firingAt, string basis) => FiringAt == firingAt && Basis == basis;
}
