using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// Copies one section of the schema with PostgreSQL's own tools: <c>pg_dump --schema-only --section=…</c> inside the
/// run's snapshot, piped into <c>psql</c> on the side database in a single transaction. pg_dump knows every object kind
/// of every server version; generating DDL by hand would not.
/// </summary>
internal static class SchemaTransfer
{
    public static async Task CopyAsync(
        PostgreSqlConnectionInfo source, string snapshotId, PostgreSqlConnectionInfo target, SchemaSection section, bool keepOwnership, CancellationToken cancellationToken = default)
    {
        var sectionName = section == SchemaSection.PreData ? "pre-data" : "post-data";
        var dumpArguments = new List<string> { "--schema-only", $"--section={sectionName}", $"--snapshot={snapshotId}", "--format=plain", "--no-password" };
        if (!keepOwnership)
        {
            dumpArguments.AddRange(["--no-owner", "--no-privileges"]);
        }

        using var dump = Start(PostgreSqlTools.Find("pg_dump"), dumpArguments, source.LibpqEnvironment());
        using var restore = Start(
            PostgreSqlTools.Find("psql"),
            ["--no-psqlrc", "--quiet", "--no-password", "--single-transaction", "--set=ON_ERROR_STOP=1", "--output=/dev/null"],
            target.LibpqEnvironment("-c client_min_messages=warning"));

        try
        {
            var dumpErrors = dump.StandardError.ReadToEndAsync(cancellationToken);
            var restoreErrors = restore.StandardError.ReadToEndAsync(cancellationToken);
            var restoreOutput = restore.StandardOutput.ReadToEndAsync(cancellationToken);
            try
            {
                await dump.StandardOutput.BaseStream.CopyToAsync(restore.StandardInput.BaseStream, cancellationToken);
            }
            catch (IOException)
            {
                // psql stopped reading because it failed; its exit code and error text say why.
            }
            finally
            {
                restore.StandardInput.Close();
            }

            await Task.WhenAll(dump.WaitForExitAsync(cancellationToken), restore.WaitForExitAsync(cancellationToken));
            await restoreOutput;
            if (dump.ExitCode != 0)
            {
                throw new DataRefreshException(
                    ExitCodes.ExternalToolFailed,
                    $"pg_dump failed reading the {sectionName} schema of the source ({source.Describe()}): {ToolErrorText.Summarize(await dumpErrors)}. The target was not changed.");
            }

            if (restore.ExitCode != 0)
            {
                throw new DataRefreshException(
                    ExitCodes.ExternalToolFailed,
                    $"psql failed applying the {sectionName} schema to the side database: {ToolErrorText.Summarize(await restoreErrors)}. " +
                    "The target was not changed; check that the roles and extensions the source uses exist on the target server (or set keepOwnership: false).");
            }
        }
        finally
        {
            Kill(dump);
            Kill(restore);
        }
    }

    private static Process Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var startInfo = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return Process.Start(startInfo) ?? throw new DataRefreshException(ExitCodes.ExternalToolFailed, $"Could not start {program}.");
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
