using DataRefresh.Core.Errors;

namespace DataRefresh.Core.History;

/// <summary>Outcome names as stored and printed ("timed-out"), and the outcome a run's exit code stands for.</summary>
public static class RunOutcomes
{
    public static string Name(RunOutcome outcome) => outcome switch
    {
        RunOutcome.TimedOut => "timed-out",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    public static RunOutcome Parse(string name) =>
        Enum.GetValues<RunOutcome>().FirstOrDefault(outcome => Name(outcome) == name) is var parsed && Name(parsed) == name
            ? parsed
            : throw new FormatException($"'{name}' is not a run outcome.");

    public static RunOutcome FromExitCode(int exitCode, bool timedOut) => exitCode switch
    {
        ExitCodes.Success => RunOutcome.Succeeded,
        ExitCodes.Cancelled => timedOut ? RunOutcome.TimedOut : RunOutcome.Cancelled,
        _ => RunOutcome.Failed,
    };
}
