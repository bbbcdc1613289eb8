using Xunit;

namespace DataRefresh.Testing;

/// <summary>
/// Tests that need something of the machine (root, a Unix socket, the test run's own server) skip with the reason on a
/// developer's machine, but fail on CI (<c>CI=true</c>, which .ci/run sets): there a skip would pass a test silently.
/// </summary>
public static class MachineRequirement
{
    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Missing(string reason)
    {
        if (OnCi)
        {
            Assert.Fail($"{reason} (CI=true: a test that cannot run here fails instead of skipping)");
        }

        // The console reporter names a skipped test but not why: tests/run.sh prints this file after the run.
        if (Environment.GetEnvironmentVariable("DATAREFRESH_SKIP_LOG") is { Length: > 0 } skipLog)
        {
            File.AppendAllText(skipLog, $"{TestContext.Current.Test?.TestDisplayName ?? "a test"}: {reason}\n");
        }

        Assert.Skip(reason);
    }
}
