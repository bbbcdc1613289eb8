using DataRefresh.Core.Errors;
using DataRefresh.Providers.PostgreSql;

namespace DataRefresh.Cli.Output;

/// <summary>
/// Prints a failure as one sentence and picks its exit code. Unknown exceptions print their type and place but not their
/// message: a message we did not write may quote a row value.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, TextWriter error)
    {
        var explained = Explain(exception);
        error.WriteLine($"error: {explained.Message}");
        return explained.ExitCode;
    }

    /// <summary>The exit code and the sentence a failure is reported with (also what the audit records).</summary>
    public static DataRefreshException Explain(Exception exception)
    {
        var explained = exception switch
        {
            DataRefreshException known => known,
            OperationCanceledException => new DataRefreshException(ExitCodes.Cancelled, "Cancelled; the target was not changed."),
            _ => new PostgreSqlProvider(Serilog.Core.Logger.None).Explain(exception),
        };

        if (explained is null)
        {
            var where = exception.TargetSite is { } site ? $" in {site.DeclaringType?.Name}.{site.Name}" : "";
            return new DataRefreshException(ExitCodes.InternalError, $"unexpected {exception.GetType().Name}{where}; this is a bug, please report it. The target was not changed.");
        }

        return explained;
    }
}
