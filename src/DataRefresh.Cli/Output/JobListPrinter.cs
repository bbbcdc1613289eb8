using System.Globalization;
using DataRefresh.Core.Jobs;

namespace DataRefresh.Cli.Output;

/// <summary>One line per job — name, schedule, next firing in the job's time zone, OK — and each problem indented below it.</summary>
internal static class JobListPrinter
{
    public static void Print(IReadOnlyList<JobCheckResult> results, string folder, TextWriter output)
    {
        if (results.Count == 0)
        {
            output.WriteLine($"No job files (*.yaml) in {folder}.");
            return;
        }

        var width = results.Max(result => result.Name.Length);
        foreach (var result in results)
        {
            output.WriteLine($"{result.Name.PadRight(width)}  {Schedule(result)}  {(result.IsValid ? "OK" : $"INVALID ({result.File})")}");
            foreach (var problem in result.Problems)
            {
                output.WriteLine($"  error: {problem}");
            }
        }
    }

    private static string Schedule(JobCheckResult result) => result.Job switch
    {
        null => "schedule unknown",
        { Schedule: null, Enabled: var enabled } => "no schedule" + (enabled ? "" : ", disabled"),
        { Schedule: { } schedule, Enabled: var enabled } =>
            $"{schedule.Describe()}, " +
            (result.NextFire is { } next ? "next " + next.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "never fires again") +
            (enabled ? "" : ", disabled"),
    };
}
