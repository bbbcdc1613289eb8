namespace DataRefresh.Core.Pipeline;

/// <summary>
/// Named places in a run where it can be made to stop and wait, so the kill tests (tests/DataRefresh.Cli.Tests/
/// KillAndCutOverTests.cs) can send SIGKILL or SIGINT at a known moment and check what the target serves afterwards.
/// Inert unless <c>DATAREFRESH_TEST_HALT_AT</c> names the point; nothing in production sets it.
/// </summary>
public static class HaltPoint
{
    public const string Variable = "DATAREFRESH_TEST_HALT_AT";

    /// <summary>After the side database exists and the pre-data schema is in it, before any row.</summary>
    public const string Schema = "schema";

    /// <summary>Inside a table copy, after its first batch went to the side database.</summary>
    public const string Data = "data";

    /// <summary>At the start of verification: everything is loaded, nothing is swapped yet.</summary>
    public const string Verification = "verification";

    /// <summary>Just before the swap transaction.</summary>
    public const string CutOver = "cut-over";

    /// <summary>Inside the swap transaction, between renaming the target aside and renaming the side database in.</summary>
    public const string Swapping = "swapping";

    /// <summary>After the swap committed, before the old copy is dropped or kept as <c>__previous</c>.</summary>
    public const string Renamed = "renamed";

    private static int announced;

    /// <summary>
    /// When the variable names <paramref name="point"/>: writes <c>halted at &lt;point&gt;</c> to standard error once and
    /// waits until the process is killed or the token is cancelled (Ctrl+C still cancels the run as usual).
    /// </summary>
    public static async Task ReachedAsync(string point, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal))
        {
            return;
        }

        // Parallel table copies may all reach "data"; the test waits for one line.
        if (Interlocked.Exchange(ref announced, 1) == 0)
        {
            await Console.Error.WriteLineAsync($"halted at {point}");
            await Console.Error.FlushAsync(cancellationToken);
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
