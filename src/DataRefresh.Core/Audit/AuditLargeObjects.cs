using DataRefresh.Core.Planning;

namespace DataRefresh.Core.Audit;

/// <summary>The source's large objects in the audit: how many, the action taken, and the rule's reason and classification (none: no rule decided).</summary>
public sealed record AuditLargeObjects(long Count, string Action, string? Reason, string? Classification)
{
    public static AuditLargeObjects From(LargeObjectPlan plan) =>
        new(plan.Count, plan.Action.ToString().ToLowerInvariant(), plan.Rule?.Reason, plan.Rule?.Classification?.ToString().ToLowerInvariant());
}
