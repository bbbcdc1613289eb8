using System.Diagnostics;
using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>Runs a PostgreSQL program to the end and captures its output; on cancellation the program is killed, not left running.</summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.UseShellExecute = false;
        using var process = Process.Start(startInfo) ?? throw new DataRefreshException(ExitCodes.ExternalToolFailed, $"Could not start {startInfo.FileName}.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output, await errors);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
