using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;

namespace DataRefresh.Providers.PostgreSql.Ddl;

/// <summary>
/// The source's schema as one <c>pg_dump --schema-only --format=custom</c> archive taken inside the run's snapshot, kept in
/// a private temporary folder for the run and restored section by section with <c>pg_restore</c>: pre-data in a single
/// transaction, post-data (indexes, constraints, triggers) table by table as each table's rows are in, then the rest
/// with parallel jobs, as <c>pg_restore -j</c> does (<see cref="PostDataToc"/>). PostgreSQL's own tools know every object
/// kind of every server version; generating DDL by hand would not. Holds no row values.
/// </summary>
internal sealed class SchemaArchive : IDisposable
{
    // For pg_restore's sessions on the side database only, never the server as a whole or the source.
    private const string SessionOptions = "-c client_min_messages=warning";

    private readonly DirectoryInfo folder;

    // pg_restore --list's output, then which table each entry belongs to.
    private string listing = "";
    private PostDataToc? toc;

    private SchemaArchive(DirectoryInfo folder) => this.folder = folder;

    /// <summary>An empty archive in a new private temporary folder, which <see cref="Dispose"/> deletes.</summary>
    public static SchemaArchive InNewFolder() => new(Directory.CreateTempSubdirectory("datarefresh-schema-"));

    public string FolderPath => folder.FullName;

    /// <summary>Which post-data entries belong to which table; read by <see cref="ReadTocAsync"/>.</summary>
    public PostDataToc Toc => toc ?? throw new InvalidOperationException("The archive's entries are assigned to their tables by ReadTocAsync first.");

    private string FilePath => Path.Combine(folder.FullName, "schema.dump");

    /// <summary>
    /// Takes the dump inside the snapshot <paramref name="snapshotId"/> and lists its entries. Uses no connection of ours,
    /// so it runs while the run plans on the snapshot's connection (<see cref="PostgreSqlSourceSnapshot"/>).
    /// </summary>
    /// <param name="lockTimeout">How long pg_dump waits for a table a schema change holds before it fails.</param>
    public async Task DumpAsync(PostgreSqlConnectionInfo source, string snapshotId, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
    {
        var (exitCode, errors) = await RunAsync(
            PostgreSqlTools.Find("pg_dump"),
            ["--schema-only", $"--snapshot={snapshotId}", "--format=custom", "--no-password", $"--lock-wait-timeout={(int)lockTimeout.TotalMilliseconds}", $"--file={FilePath}"],
            source.LibpqEnvironment(),
            cancellationToken);
        if (exitCode != 0)
        {
            throw new DataRefreshException(
                ExitCodes.ExternalToolFailed,
                $"pg_dump failed reading the schema of the source ({source.Describe()}): {ToolErrorText.Summarize(errors)}. The target was not changed.");
        }

        var (listed, output, listErrors) = await ToolProcess.RunAsync(new ProcessStartInfo(PostgreSqlTools.Find("pg_restore"), ["--list", FilePath]), cancellationToken);
        if (listed != 0)
        {
            throw new DataRefreshException(ExitCodes.ExternalToolFailed, $"pg_restore could not list the schema archive: {ToolErrorText.Summarize(listErrors)}. The target was not changed.");
        }

        listing = output;
    }

    /// <summary>Assigns the archive's post-data entries to their tables (<see cref="Toc"/>), once.</summary>
    /// <param name="snapshot">The connection holding the dump's snapshot.</param>
    public async Task ReadTocAsync(Npgsql.NpgsqlConnection snapshot, CancellationToken cancellationToken = default) =>
        toc ??= await PostDataToc.ReadAsync(listing, snapshot, cancellationToken);

    /// <param name="list">A list file's text (<see cref="PostDataToc"/>) restricting what is restored, or null for the whole section.</param>
    /// <param name="settings">More <c>-c name=value</c> settings for pg_restore's sessions on the side database, or null.</param>
    public async Task RestoreAsync(
        PostgreSqlConnectionInfo target, SchemaSection section, bool keepOwnership, int parallelism, string? list = null, string? settings = null, CancellationToken cancellationToken = default)
    {
        var sectionName = section == SchemaSection.PreData ? "pre-data" : "post-data";
        var arguments = new List<string> { $"--section={sectionName}", "--exit-on-error", "--no-password", $"--dbname={target.Database}" };
        string? listFile = null;
        if (list is not null)
        {
            listFile = Path.Combine(folder.FullName, $"restore-{Guid.NewGuid():N}.list");
            await File.WriteAllTextAsync(listFile, list, cancellationToken);
            arguments.Add($"--use-list={listFile}");
        }

        // Pre-data is all or nothing. Post-data is index builds and constraint checks, which parallel jobs spread over the
        // cores; pg_restore cannot combine jobs with one transaction, and a half-built side database is dropped anyway.
        arguments.Add(section == SchemaSection.PreData ? "--single-transaction" : $"--jobs={Math.Max(1, parallelism)}");
        if (!keepOwnership)
        {
            arguments.AddRange(["--no-owner", "--no-privileges"]);
        }

        arguments.Add(FilePath);
        var (exitCode, errors) = await RunAsync(PostgreSqlTools.Find("pg_restore"), arguments, target.LibpqEnvironment(settings is null ? SessionOptions : $"{SessionOptions} {settings}"), cancellationToken);
        if (listFile is not null)
        {
            File.Delete(listFile);
        }

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
