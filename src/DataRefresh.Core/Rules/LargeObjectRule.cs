using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Rules;

/// <summary><c>largeObjects: { action: copy | empty | exclude, reason: … }</c> in a rule file: the decision for every large object of the source.</summary>
public sealed record LargeObjectRule(LargeObjectAction Action, string? Reason, Classification? Classification, SourceLocation Location)
{
    internal static readonly string[] Keys = ["action", "reason", "classification"];

    public override string ToString() => Action.ToString().ToLowerInvariant() + (Reason is null ? "" : $" ({Reason})");
}
