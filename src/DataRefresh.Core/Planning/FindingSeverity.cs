namespace DataRefresh.Core.Planning;

/// <summary>Errors stop a run before any data moves; warnings are shown and the run goes on.</summary>
public enum FindingSeverity
{
    Error,
    Warning,
}
