namespace DataRefresh.Core.Rules;

/// <summary>Which rows of a table are copied: all of them, or none (schema only).</summary>
public enum RowSelection
{
    All,
    None,
}
