using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// The source's schema as one <c>pg_dump --schema-only --format=custom</c> archive taken inside the run's snapshot, kept in
/// a private temporary folder for the run and restored section by section with <c>pg_restore</c>: pre-data in a single
/// transaction, post-data (indexes, constraints, triggers) with parallel jobs, as <c>pg_restore -j</c> does. PostgreSQL's
/// own tools know every object kind of every server version; generating DDL by hand would not. Holds no row values.
/// </summary>
internal sealed class SchemaArchive : IDisposable
{
    private readonly DirectoryInfo folder;

    private SchemaArchive(DirectoryInfo folder) => this.folder = folder;

    private string FilePath => Path.Combine(folder.FullName, "schema.dump");

    public static async Task<SchemaArchive> DumpAsync(PostgreSqlConnectionInfo source, string snapshotId, CancellationToken cancellationToken = default)
    {
        var archive = new SchemaArchive(Directory.CreateTempSubdirectory("datarefresh-schema-"));
        try
        {
            var (exitCode, errors) = await RunAsync(
                PostgreSqlTools.Find("pg_dump"),
                ["--schema-only", $"--snapshot={snapshotId}", "--format=custom", "--no-password", $"--file={archive.FilePath}"],
                source.LibpqEnvironment(),
                cancellationToken);
            if (exitCode != 0)
            {
                throw new DataRefreshException(
                    ExitCodes.ExternalToolFailed,
                    $"pg_dump failed reading the schema of the source ({source.Describe()}): {ToolErrorText.Summarize(errors)}. The target was not changed.");
            }

            return archive;
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    public async Task RestoreAsync(PostgreSqlConnectionInfo target, SchemaSection section, bool keepOwnership, int parallelism, CancellationToken cancellationToken = default)
    {
        var sectionName = section == SchemaSection.PreData ? "pre-data" : "post-data";
        var arguments = new List<string> { $"--section={sectionName}", "--exit-on-error", "--no-password", $"--dbname={target.Database}" };

        // Pre-data is all or nothing. Post-data is index builds and constraint checks, which parallel jobs spread over the
        // cores; pg_restore cannot combine jobs with one transaction, and a half-built side database is dropped anyway.
        arguments.Add(section == SchemaSection.PreData ? "--single-transaction" : $"--jobs={Math.Max(1, parallelism)}");
        if (!keepOwnership)
        {
            arguments.AddRange(["--no-owner", "--no-privileges"]);
        }

        arguments.Add(FilePath);
        var (exitCode, errors) = await RunAsync(PostgreSqlTools.Find("pg_restore"), arguments, target.LibpqEnvironment("-c client_min_messages=warning"), cancellationToken);
        if (exitCode != 0)
        {
            throw new DataRefreshException(
                ExitCodes.ExternalToolFailed,
                $"pg_restore failed applying the {sectionName} schema to the side database: {ToolErrorText.Summarize(errors)}. " +
                "The target was not changed; check that the roles and extensions the source uses exist on the target server (or set keepOwnership: false).");
        }
    }

    public void Dispose()
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover schema-only archive in the temporary folder holds no data; never fail a run over it.
        }
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program, arguments);
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var (exitCode, _, errors) = await ToolProcess.RunAsync(startInfo, cancellationToken);
        return (exitCode, errors);
    }
}
