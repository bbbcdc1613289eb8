using DataRefresh.Core.Errors;

namespace DataRefresh.Core.Planning;

/// <summary>
/// Something validation found in the rules against the live schema, located in a rule file where it can be
/// (<paramref name="Location"/> null: the finding concerns the schema, e.g. a table no rule mentions).
/// </summary>
public sealed record PlanFinding(FindingSeverity Severity, SourceLocation? Location, string Message)
{
    public override string ToString() => Location is null ? Message : $"{Location}: {Message}";
}
