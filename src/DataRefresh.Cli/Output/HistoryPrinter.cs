using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataRefresh.Core.History;

namespace DataRefresh.Cli.Output;

/// <summary>
/// The run history for people (a line per run, its error sentence indented below) and for scripts (a JSON array with the
/// rows of each table). Errors in the history are already sanitized sentences, never row values.
/// </summary>
internal static class HistoryPrinter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void PrintText(IReadOnlyList<RunHistoryEntry> runs, string? job, string location, TextWriter output)
    {
        if (runs.Count == 0)
        {
            output.WriteLine(job is null ? $"No runs recorded in {location}." : $"No runs of job {job} in {location}.");
            return;
        }

        var jobWidth = runs.Max(run => run.Job.Length);
        var outcomeWidth = runs.Max(run => run.Outcome.ToText().Length);
        foreach (var run in runs)
        {
            output.WriteLine(
                $"{Time(run.StartedAt)}  {run.Job.PadRight(jobWidth)}  {run.Outcome.ToText().PadRight(outcomeWidth)}  " +
                $"{Duration(run),7}  {Rows(run),16}  {run.Trigger} on {run.Node}");
            if (run.Error is { } error)
            {
                output.WriteLine($"    {error}");
            }
        }
    }

    public static void PrintJson(IReadOnlyList<RunHistoryEntry> runs, TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(runs.Select(run => new RunJson(run)), Json));

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Duration(RunHistoryEntry run)
    {
        if (run.EndedAt is not { } ended)
        {
            return "-";
        }

        var duration = ended - run.StartedAt;
        return duration.TotalSeconds < 60 ? $"{duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}s"
            : duration.TotalHours < 1 ? $"{duration.Minutes}m{duration.Seconds:00}s"
            : $"{(int)duration.TotalHours}h{duration.Minutes:00}m";
    }

    private static string Rows(RunHistoryEntry run) =>
        run.EndedAt is null ? "" : $"{run.TotalRows.ToString("N0", CultureInfo.InvariantCulture)} rows";

    /// <summary>A run as scripts read it: the outcome spelled as stores keep it (<c>timed-out</c>), totals precomputed.</summary>
    private sealed record RunJson(
        string RunId,
        string Job,
        string Outcome,
        DateTimeOffset StartedAt,
        DateTimeOffset? EndedAt,
        double? DurationSeconds,
        DateTimeOffset? ScheduledFor,
        string Trigger,
        string Node,
        string? Target,
        int? ExitCode,
        string? Error,
        long Rows,
        IReadOnlyList<TableRows> Tables)
    {
        public RunJson(RunHistoryEntry run)
            : this(
                run.RunId, run.Job, run.Outcome.ToText(), run.StartedAt, run.EndedAt, (run.EndedAt - run.StartedAt)?.TotalSeconds,
                run.ScheduledFor, run.Trigger, run.Node, run.Target, run.ExitCode, run.Error, run.TotalRows, run.Tables)
        {
        }
    }
}
