using System.Globalization;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Schema;

namespace DataRefresh.Core.Planning;

/// <summary>
/// What a run does with the source's <paramref name="Count"/> large objects. Default-deny covers them as it covers
/// columns: with no <c>largeObjects:</c> rule they are an error under <c>unlisted: fail</c>, and copied as they are
/// (with a warning under <c>warn</c>) otherwise, so they are never dropped or copied without anyone deciding.
/// </summary>
public sealed record LargeObjectPlan(long Count, LargeObjectAction Action, LargeObjectRule? Rule)
{
    /// <summary>The plan for the source's large objects (null when it has none), adding a finding when no rule decides.</summary>
    internal static LargeObjectPlan? Decide(DatabaseSchema schema, RuleSet rules, List<PlanFinding> findings)
    {
        if (schema.LargeObjects == 0)
        {
            return null;
        }

        if (rules.LargeObjects is { } rule)
        {
            return new LargeObjectPlan(schema.LargeObjects, rule.Action, rule);
        }

        if (rules.Unlisted != UnlistedPolicy.Keep)
        {
            findings.Add(new(
                rules.Unlisted == UnlistedPolicy.Fail ? FindingSeverity.Error : FindingSeverity.Warning,
                null,
                $"the source holds {schema.LargeObjects.ToString("N0", CultureInfo.InvariantCulture)} large objects (documents outside tables, referenced by oid columns) that no rule decides " +
                $"(unlisted: {rules.Unlisted.ToString().ToLowerInvariant()}); add largeObjects: {{ action: copy | empty | exclude, reason: \"…\" }} to a rule file."));
        }

        return new LargeObjectPlan(schema.LargeObjects, LargeObjectAction.Copy, null);
    }

    public override string ToString() =>
        $"{Count.ToString("N0", CultureInfo.InvariantCulture)} large objects: {Action.ToString().ToLowerInvariant()}" + (Rule?.Reason is { } reason ? $" ({reason})" : Rule is null ? " (no rule decides; unlisted)" : "");
}
