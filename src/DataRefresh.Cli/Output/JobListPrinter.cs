using System.Globalization;
using DataRefresh.Core.History;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Cli.Output;

/// <summary>
/// One line per job — name, schedule, next firing in the job's time zone, last run, OK — then its <c>then:</c> copies
/// indented below it (their problems are the file's), then each problem. <c>lastRuns</c> is null when the history store
/// could not be read (the command has said so once).
/// </summary>
internal static class JobListPrinter
{
    public static void Print(IReadOnlyList<JobCheckResult> results, string folder, IReadOnlyDictionary<string, RunHistoryEntry>? lastRuns, TextWriter output)
    {
        if (results.Count == 0)
        {
            output.WriteLine($"No job files (*.yaml) in {folder}.");
            return;
        }

        var width = results.Max(result => result.Name.Length);
        foreach (var result in results)
        {
            output.WriteLine($"{result.Name.PadRight(width)}  {Schedule(result)}  {LastRun(result.Name, lastRuns)}  {(result.IsValid ? "OK" : $"INVALID ({result.File})")}");
            if (result.Job is { } job)
            {
                PrintCopies(job, "  ", lastRuns, output);
            }

            foreach (var problem in result.Problems)
            {
                output.WriteLine($"  error: {problem}");
            }
        }
    }

    private static void PrintCopies(JobDefinition upstream, string indent, IReadOnlyDictionary<string, RunHistoryEntry>? lastRuns, TextWriter output)
    {
        foreach (var copy in upstream.Then)
        {
            output.WriteLine($"{indent}then → {copy.Name}: {copy.Source} → {copy.Target}  after {upstream.Name}  {LastRun(copy.Name, lastRuns)}");
            PrintCopies(copy, indent + "  ", lastRuns, output);
        }
    }

    private static string Schedule(JobCheckResult result) => result.Job switch
    {
        null => "schedule unknown",
        { Schedule: null, Enabled: var enabled } => "no schedule" + (enabled ? "" : ", disabled"),
        { Schedule: { } schedule, Enabled: var enabled } =>
            $"{schedule.Describe()}, " +
            (result.NextFire is { } next ? "next " + schedule.WallClock(next) : "never fires again") +
            (enabled ? "" : ", disabled"),
    };

    // The start of the newest run, in UTC like `history` prints it, so the two listings can be matched by eye.
    private static string LastRun(string job, IReadOnlyDictionary<string, RunHistoryEntry>? lastRuns) =>
        lastRuns is null ? "last run unknown"
        : lastRuns.TryGetValue(job, out var run) ? $"last run {run.Outcome.ToText()} {HistoryPrinter.Time(run.StartedAt)}"
        : "last run never";
}
