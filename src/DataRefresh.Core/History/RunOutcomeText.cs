namespace DataRefresh.Core.History;

/// <summary>
/// The one spelling of a <see cref="RunOutcome"/> in stores, JSON and listings: lower-case kebab (<c>timed-out</c>), so a
/// row written by one build reads back in another and a person can query it by hand.
/// </summary>
public static class RunOutcomeText
{
    public static string ToText(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.Running => "running",
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.Failed => "failed",
        RunOutcome.Cancelled => "cancelled",
        RunOutcome.TimedOut => "timed-out",
        RunOutcome.Skipped => "skipped",
        RunOutcome.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not a run outcome"),
    };

    private static readonly Dictionary<string, RunOutcome> ByText = Enum.GetValues<RunOutcome>().ToDictionary(outcome => outcome.ToText());

    public static RunOutcome Parse(string text) =>
        ByText.TryGetValue(text, out var outcome)
            ? outcome
            : throw new InvalidOperationException($"The run history holds the outcome '{text}', which this datarefresh does not know; use a newer datarefresh.");
}
