using DataRefresh.Core.Errors;

namespace DataRefresh.Core.History;

/// <summary>The outcome a run's exit code stands for in the run history.</summary>
public static class RunOutcomes
{
    public static RunOutcome FromExitCode(int exitCode, bool timedOut) => exitCode switch
    {
        ExitCodes.Success => RunOutcome.Succeeded,
        ExitCodes.Cancelled => timedOut ? RunOutcome.TimedOut : RunOutcome.Cancelled,
        _ => RunOutcome.Failed,
    };
}
