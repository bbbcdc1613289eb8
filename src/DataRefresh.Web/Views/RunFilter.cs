using DataRefresh.Core.History;

namespace DataRefresh.Web.Views;

/// <summary>The Runs page's and <c>/api/runs</c>' filters as typed (job, outcome, since), read into a query or a sentence saying what is wrong.</summary>
public sealed record RunFilter(string? Job, string? Outcome, string? Since)
{
    public const int Limit = 200;

    public static IReadOnlyList<string> Outcomes { get; } = [.. Enum.GetValues<RunOutcome>().Select(outcome => outcome.ToText())];

    public (RunQuery? Query, string? Problem) Read()
    {
        RunOutcome? outcome = null;
        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            if (!Outcomes.Contains(Outcome, StringComparer.Ordinal))
            {
                return (null, $"'{Outcome}' is not an outcome; use one of {string.Join(", ", Outcomes)}.");
            }

            outcome = RunOutcomeText.Parse(Outcome);
        }

        DateTimeOffset? since = null;
        if (!string.IsNullOrWhiteSpace(Since))
        {
            if (!TypedInstant.TryParse(Since, out var parsed))
            {
                return (null, $"'{Since}' is not a date; write e.g. 2026-11-01.");
            }

            since = parsed;
        }

        return (new RunQuery(string.IsNullOrWhiteSpace(Job) ? null : Job.Trim(), Limit, outcome, since), null);
    }
}
