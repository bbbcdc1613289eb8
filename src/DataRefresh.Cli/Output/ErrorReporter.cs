using DataRefresh.Core.Providers;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Prints a failure as one sentence and returns its exit code; the sentence comes from
/// <see cref="ProviderRegistry.Explain"/>, so an unknown exception prints its type and place but not its message.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, ProviderRegistry providers, TextWriter error)
    {
        var explained = providers.Explain(exception);
        error.WriteLine($"error: {explained.Message}");
        return explained.ExitCode;
    }
}
