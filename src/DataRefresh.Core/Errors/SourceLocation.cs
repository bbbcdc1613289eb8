namespace DataRefresh.Core.Errors;

/// <summary>A place in a rule or job file, printed as <c>file:line:column</c>.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
