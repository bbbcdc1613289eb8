using System.IO.Compression;
using System.Security.Cryptography;
using DataRefresh.Core.Snapshots;
using DataRefresh.Testing;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Snapshots through the real command line on the SQLite demo's database: a subset written as a SQLite file and as gzip
/// CSV with a manifest whose hashes match, readable by their owner only, every foreign key resolving; a CSV snapshot
/// restored into SQLite with the checks of a run; a damaged snapshot refused before anything is written.
/// </summary>
[Collection(ChildProcessTests.Name)]
public sealed class SnapshotTests : IDisposable
{
    private const int Customers = 400;

    private readonly CliRunner cli = new();

    public SnapshotTests()
    {
        SqliteTestFile.CreateDemoProduction(Production, Customers);
        cli.UseEnvironments(("prod", "Sqlite", $"Data Source={Production}", true), ("dev", "Sqlite", $"Data Source={Dev}", false));
    }

    private string Production => Path.Combine(cli.Folder, "crm-prod.db");

    private string Dev => Path.Combine(cli.Folder, "crm-dev.db");

    private string SnapshotsFolder => cli.SnapshotsFolder;

    private static string Job => Path.Combine(RepositoryPaths.Root, "jobs", "sqlite-demo", "dev-snapshot.yaml");

    [Fact]
    public async Task A_SQLite_subset_snapshot_is_masked_referentially_whole_and_the_same_every_run()
    {
        var (exitCode, output, error) = await cli.RunAsync(["run", Job]);
        Assert.True(exitCode == 0, output + error);

        var (folder, manifest) = Assert.Single(SnapshotCatalog.List(SnapshotsFolder));
        var file = Path.Combine(folder, "dev-snapshot.sqlite");
        Assert.Contains(folder, output, StringComparison.Ordinal);
        var chosen = Scalar<long>(file, "SELECT count(*) FROM customers");
        Assert.InRange(chosen, Customers / 20, Customers / 3);
        Assert.True(Scalar<long>(file, "SELECT count(*) FROM orders") > 0);
        Assert.True(Scalar<long>(file, "SELECT count(*) FROM payments") > 0);
        Assert.Equal(0L, Scalar<long>(file, "SELECT count(*) FROM audit_trail"));
        // The rule file's where keeps its meaning: no order before its date, though chosen customers have such orders.
        Assert.Equal(0L, Scalar<long>(file, "SELECT count(*) FROM orders WHERE ordered_at < '2024-06-01'"));
        Assert.Equal(0L, Scalar<long>(file, "SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal(0L, Scalar<long>(file, $"SELECT count(*) FROM customers c JOIN prod.customers p USING (id) WHERE c.email = p.email", attach: Production));
        Assert.Equal(chosen, manifest.Tables.Single(table => table.Table.Name.Name == "customers").Rows);
        Assert.True(manifest.Subset);
        Assert.Equal(Sha256(file), Assert.Single(manifest.Files).Sha256);
        AssertOwnerOnly(folder, file, Path.Combine(folder, SnapshotPlace.ManifestName));

        // plan runs the same choice and shows it per table, writing nothing.
        var (planned, plan, planError) = await cli.RunAsync(["plan", Job]);
        Assert.True(planned == 0, plan + planError);
        Assert.Contains($"subset: {chosen:N0} rows, ", plan, StringComparison.Ordinal);
        Assert.Contains("root: 10% by key", plan, StringComparison.Ordinal);
        Assert.Single(SnapshotCatalog.List(SnapshotsFolder));

        // The same key and the same source choose the same customers.
        var (again, _, againError) = await cli.RunAsync(["run", Job]);
        Assert.True(again == 0, againError);
        var second = SnapshotCatalog.List(SnapshotsFolder).Single(entry => entry.Folder != folder).Folder;
        Assert.Equal(
            Scalar<string>(file, "SELECT group_concat(id) FROM (SELECT id FROM customers ORDER BY id)"),
            Scalar<string>(Path.Combine(second, "dev-snapshot.sqlite"), "SELECT group_concat(id) FROM (SELECT id FROM customers ORDER BY id)"));
    }

    [Fact]
    public async Task A_CSV_snapshot_has_a_manifest_whose_hashes_match_and_restores_into_SQLite_with_its_masked_values()
    {
        var job = CsvJob();
        var (exitCode, output, error) = await cli.RunAsync(["run", job]);
        Assert.True(exitCode == 0, output + error);

        var (folder, manifest) = Assert.Single(SnapshotCatalog.List(SnapshotsFolder));
        Assert.Equal("csv", manifest.Kind);
        Assert.Equal(manifest.Tables.Count, manifest.Files.Count);
        Assert.DoesNotContain(Directory.GetFiles(folder), path => path.EndsWith(".sqlite", StringComparison.Ordinal));
        foreach (var file in manifest.Files)
        {
            Assert.Equal(Sha256(Path.Combine(folder, file.Path)), file.Sha256);
            AssertOwnerOnly(Path.Combine(folder, file.Path));
        }

        // The masking key never reaches the manifest; its fingerprint does.
        var text = File.ReadAllText(Path.Combine(folder, SnapshotPlace.ManifestName));
        Assert.DoesNotContain(CliRunner.MaskingKey, text, StringComparison.Ordinal);
        Assert.Contains(manifest.MaskingKeyFingerprint, text, StringComparison.Ordinal);
        Assert.Equal("public.customers", manifest.Tables.Select(table => table.Table.Name.ToString()).First(name => name.EndsWith("customers", StringComparison.Ordinal)).Replace("main.", "public.", StringComparison.Ordinal));

        var (restored, restoreOutput, restoreError) = await cli.RunAsync(["snapshot", "restore", folder, "--to", "dev"]);
        Assert.True(restored == 0, restoreOutput + restoreError);
        var customers = manifest.Tables.Single(table => table.Table.Name.Name == "customers");
        Assert.Equal(customers.Rows, Scalar<long>(Dev, "SELECT count(*) FROM customers"));
        Assert.Equal(0L, Scalar<long>(Dev, "SELECT count(*) FROM pragma_foreign_key_check"));
        Assert.Equal(0L, Scalar<long>(Dev, "SELECT count(*) FROM customers c JOIN prod.customers p USING (id) WHERE c.email = p.email", attach: Production));

        // Read back with CsvHelper's own reader: the file holds exactly the restored, masked e-mail addresses.
        var emails = ReadColumn(Path.Combine(folder, customers.File!), "email");
        Assert.Equal(Scalar<string>(Dev, "SELECT group_concat(coalesce(email, '\\N'), '|') FROM (SELECT email FROM customers ORDER BY rowid)"), string.Join("|", emails));
    }

    [Fact]
    public async Task A_snapshot_whose_file_was_altered_is_refused_and_the_target_is_left_as_it_was()
    {
        var (exitCode, _, error) = await cli.RunAsync(["run", CsvJob()]);
        Assert.True(exitCode == 0, error);
        var (folder, manifest) = Assert.Single(SnapshotCatalog.List(SnapshotsFolder));
        Execute(Dev, "CREATE TABLE marker (what TEXT)");
        File.AppendAllText(Path.Combine(folder, manifest.Files[0].Path), "x");

        var (restored, _, restoreError) = await cli.RunAsync(["snapshot", "restore", folder, "--to", "dev"]);

        Assert.Equal(DataRefresh.Core.Errors.ExitCodes.Configuration, restored);
        Assert.Contains("does not match the SHA-256", restoreError, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar<long>(Dev, "SELECT count(*) FROM sqlite_schema WHERE name = 'marker'"));
    }

    [Fact]
    public async Task Restoring_into_production_is_refused()
    {
        var (exitCode, _, error) = await cli.RunAsync(["run", CsvJob()]);
        Assert.True(exitCode == 0, error);
        var (folder, _) = Assert.Single(SnapshotCatalog.List(SnapshotsFolder));

        var (restored, _, restoreError) = await cli.RunAsync(["snapshot", "restore", folder, "--to", "prod"]);

        Assert.Equal(DataRefresh.Core.Errors.ExitCodes.ProductionGuard, restored);
        Assert.Contains("production", restoreError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_is_built_by_a_real_serve_node_for_whom_it_was_asked_and_removed_once_expired()
    {
        var jobs = Directory.CreateDirectory(Path.Combine(cli.Folder, "jobs")).FullName;
        File.Copy(CsvJob(), Path.Combine(jobs, "dev-csv.yaml"));
        await using var node = await ServeNode.StartAsync(cli, jobs, "snapshots-node");

        var (requested, requestOutput, requestError) = await cli.RunAsync(["snapshot", "request", "dev-csv", "--for", "alice", "--jobs", jobs]);
        Assert.True(requested == 0, requestOutput + requestError);
        await node.WaitForLogAsync("Snapshot " + SnapshotsFolder, TimeSpan.FromSeconds(60));

        var (folder, manifest) = Assert.Single(SnapshotCatalog.List(SnapshotsFolder));
        Assert.Equal("alice", manifest.RequestedFor);
        var (_, list, _) = await cli.RunAsync(["snapshot", "list"]);
        Assert.Matches(@"ready +dev-csv +for alice +csv", list);
        Assert.Contains(folder, list, StringComparison.Ordinal);
        // The record is written after the snapshot: wait for it rather than for a moment.
        var audit = "";
        for (var attempt = 0; attempt < 120 && !audit.Contains($"snapshot (csv) for alice: {folder}", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            (_, audit, _) = await cli.RunAsync(["audit"]);
        }

        Assert.Contains($"snapshot (csv) for alice: {folder}", audit, StringComparison.Ordinal);

        // Its time passes (the manifest says so): the node removes the folder it wrote, and nothing else.
        var manifestFile = Path.Combine(folder, SnapshotPlace.ManifestName);
        File.WriteAllText(manifestFile, (manifest with { ExpiresAt = manifest.CreatedAt.AddMinutes(-1) }).ToJson());
        var foreign = Directory.CreateDirectory(Path.Combine(SnapshotsFolder, "dev-csv", "not-a-snapshot")).FullName;
        await node.WaitForLogAsync($"Snapshot {folder} of job dev-csv expired", TimeSpan.FromSeconds(30));
        Assert.False(Directory.Exists(folder));
        Assert.True(Directory.Exists(foreign));
    }

    [Fact]
    public async Task A_snapshot_job_is_default_deny_and_a_refused_run_leaves_no_snapshot()
    {
        var rules = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml"));
        var withoutEmail = string.Join('\n', rules.Split('\n').Where(line => !line.TrimStart().StartsWith("email:", StringComparison.Ordinal)));
        var rulesFile = cli.WriteFile("rules-without-email.yaml", withoutEmail);
        var job = cli.WriteFile("uncovered.yaml", File.ReadAllText(Job).Replace("../../rules/crm-sqlite.yaml", rulesFile, StringComparison.Ordinal));

        var (exitCode, _, error) = await cli.RunAsync(["run", job]);

        Assert.Equal(DataRefresh.Core.Errors.ExitCodes.RulesDoNotMatchSchema, exitCode);
        Assert.Contains("email", error, StringComparison.Ordinal);
        Assert.Empty(SnapshotCatalog.List(SnapshotsFolder));
        Assert.False(Directory.Exists(SnapshotsFolder) && Directory.EnumerateFiles(SnapshotsFolder, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_request_no_node_has_claimed_is_listed_as_queued_for_whom_it_was_asked()
    {
        var jobs = Directory.CreateDirectory(Path.Combine(cli.Folder, "jobs")).FullName;
        File.Copy(CsvJob(), Path.Combine(jobs, "dev-csv.yaml"));

        var (requested, requestOutput, requestError) = await cli.RunAsync(["snapshot", "request", "dev-csv", "--for", "carol", "--jobs", jobs]);
        var (_, list, _) = await cli.RunAsync(["snapshot", "list"]);

        Assert.True(requested == 0, requestOutput + requestError);
        Assert.Matches(@"queued +dev-csv +for carol +request \d+", list);
    }

    [Fact]
    public async Task Requesting_a_job_that_is_not_a_snapshot_job_is_refused_with_its_place()
    {
        var jobs = Directory.CreateDirectory(Path.Combine(cli.Folder, "jobs")).FullName;
        File.WriteAllText(Path.Combine(jobs, "refresh.yaml"), $"source: prod\ntarget: dev\nrules: [ {Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml")} ]\n");

        var (exitCode, _, error) = await cli.RunAsync(["snapshot", "request", "refresh", "--for", "bob", "--jobs", jobs]);

        Assert.Equal(DataRefresh.Core.Errors.ExitCodes.Usage, exitCode);
        Assert.Contains("refresh.yaml:1:1: job 'refresh' is not a snapshot job", error, StringComparison.Ordinal);
    }

    /// <summary>The demo's snapshot job, writing CSV.</summary>
    private string CsvJob() => cli.WriteFile("dev-csv.yaml", File.ReadAllText(Job)
        .Replace("format: sqlite", "format: csv", StringComparison.Ordinal)
        .Replace("name: dev-snapshot", "name: dev-csv", StringComparison.Ordinal)
        .Replace("../../rules/crm-sqlite.yaml", Path.Combine(RepositoryPaths.Root, "rules", "crm-sqlite.yaml"), StringComparison.Ordinal));

    private static List<string> ReadColumn(string gzipCsv, string column)
    {
        using var file = File.OpenRead(gzipCsv);
        using var csv = CsvHelper.CsvReader.Create(new GZipStream(file, CompressionMode.Decompress), CsvHelper.CsvReaderOptions.Default with { Separator = ',', HasHeader = true }, false);
        var values = new List<string>();
        while (csv.Read())
        {
            values.Add(csv.GetString(column));
        }

        return values;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void AssertOwnerOnly(params string[] paths)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var path in paths)
        {
            var mode = File.GetUnixFileMode(path) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.True(mode == UnixFileMode.None, $"{path} is open to others: {File.GetUnixFileMode(path)}");
        }
    }

    private static void Execute(string file, string sql) => SqliteTestFile.Execute(file, sql);

    private static T Scalar<T>(string file, string sql, string? attach = null) => SqliteTestFile.Scalar<T>(file, sql, attach);

    public void Dispose() => cli.Dispose();
}
