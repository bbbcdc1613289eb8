namespace DataRefresh.Core.Errors;

/// <summary>A rule or job file that cannot be read as written; the message starts with file:line:column.</summary>
public sealed class FileFormatException(SourceLocation location, string problem)
    : DataRefreshException(ExitCodes.InvalidJobOrRules, $"{location}: {problem}")
{
    public SourceLocation Location { get; } = location;

    public string Problem { get; } = problem;
}
