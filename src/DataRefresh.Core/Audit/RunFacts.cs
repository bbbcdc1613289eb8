using DataRefresh.Core.Pipeline;

namespace DataRefresh.Core.Audit;

/// <summary>
/// What the command knows about a run when it ends: the job file, the context when the job loaded, the rule files as hashed
/// when it started, the runner's journal, the times, and the exit code and sentence it ends with.
/// </summary>
public sealed record RunFacts(
    string JobFile,
    RefreshContext? Context,
    IReadOnlyList<AuditFile> RuleFiles,
    RefreshProgress Progress,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    int ExitCode,
    string? Error);
