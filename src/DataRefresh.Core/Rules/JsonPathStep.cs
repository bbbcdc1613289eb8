namespace DataRefresh.Core.Rules;

/// <summary>One step of a JSON path: a property name, an array index, or every element (<c>[*]</c>, Index = -1, Property null).</summary>
public sealed record JsonPathStep(string? Property, int Index)
{
    public bool IsWildcard => Property is null && Index < 0;
}
