using DataRefresh.Core.Preflight;

namespace DataRefresh.Cli.Output;

/// <summary>Prints <c>plan</c>'s preflight: one line per check, what is missing in capitals so it stands out.</summary>
internal static class PreflightPrinter
{
    public static void Print(IReadOnlyList<PreflightCheck> checks, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("Before a run (checked read-only):");
        foreach (var check in checks)
        {
            output.WriteLine($"  {Label(check.Status),-8} {check.Text}");
        }

        var missing = checks.Count(check => check.Status == PreflightStatus.Missing);
        output.WriteLine(missing == 0 ? "Nothing a run needs is missing." : $"{missing} thing(s) a run needs are missing: a run would fail until they are granted or changed.");
    }

    private static string Label(PreflightStatus status) => status switch
    {
        PreflightStatus.Ok => "ok",
        PreflightStatus.Note => "note",
        PreflightStatus.Warning => "warning",
        _ => "MISSING",
    };
}
