using System.Diagnostics;
using DataRefresh.Core.Errors;
using DataRefresh.Testing;
using Npgsql;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// Faults during a real run: a connection killed mid-copy (retried, no row twice), a table dropped on the source during
/// the run (held off until the run ends), Ctrl+C mid-copy, and a target that runs out of disk space.
/// </summary>
public sealed class FaultToleranceTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const int BigRows = 300_000; // as in BigScript
    private const string BigScript = """
        CREATE TABLE big (id bigint PRIMARY KEY, secret text NOT NULL, note text);
        INSERT INTO big SELECT g, md5(g::text), repeat('x', 40) FROM generate_series(1, 300000) g;
        CREATE TABLE victim (id int PRIMARY KEY);
        INSERT INTO victim VALUES (1), (2), (3);
        ANALYZE;
        """;

    private readonly CliRunner cli = new();
    private string prod = "";
    private string staging = "";

    public async ValueTask InitializeAsync()
    {
        server.RequireServer();
        staging = server.UniqueName("staging");
    }

    public ValueTask DisposeAsync()
    {
        cli.Dispose();
        return ValueTask.CompletedTask;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Prod => server.ConnectionStringFor(prod);

    private string Staging => server.ConnectionStringFor(staging);

    private async Task<string> UseBigSourceAsync(string script = BigScript)
    {
        prod = await server.CreateDatabaseAsync("prod", script, Token);
        cli.UseEnvironments(("prod", Prod, true), ("staging", Staging, false));
        var rules = cli.WriteFile("rules.yaml", "version: 1\nunlisted: keep\ntables:\n  public.big:\n    columns:\n      secret: { mask: hash }\n");
        return cli.WriteFile("job.yaml", $"source: prod\ntarget: staging\nrules: [ {rules} ]\n");
    }

    [Theory]
    [InlineData("reader")]
    [InlineData("writer")]
    public async Task A_connection_killed_mid_copy_is_retried_and_every_row_arrives_once(string side)
    {
        var job = await UseBigSourceAsync();
        var run = cli.RunAsync(["run", job]);

        // The reader streams COPY … TO STDOUT on the source; the writer COPY … FROM STDIN on the side database.
        var terminated = await TerminateOnceAsync(
            side == "reader" ? "datname = @prod AND query LIKE 'COPY %big%TO STDOUT%'" : "datname LIKE @side AND query LIKE 'COPY %big%FROM STDIN%'",
            run);
        var (exitCode, output, error) = await run;

        Assert.True(terminated, "the copy finished before its connection could be killed; the test proved nothing");
        Assert.True(exitCode == 0, error);
        Assert.Contains("copying public.big: transient failure, attempt 1 of 3 rolled back", error, StringComparison.Ordinal);
        Assert.Equal((long)BigRows, await ScalarAsync<long>(Staging, "SELECT count(*) FROM big"));
        Assert.Equal((long)BigRows, await ScalarAsync<long>(Staging, "SELECT count(DISTINCT id) FROM big"));
        Assert.Equal(0L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM big WHERE secret = md5(id::text)"));
        Assert.Contains($"{BigRows:N0}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_dropped_on_the_source_during_the_run_waits_for_the_run_which_copies_it_whole()
    {
        var job = await UseBigSourceAsync();
        var run = cli.RunAsync(["run", job]);
        await WaitForAsync("datname = @prod AND query LIKE 'COPY %big%TO STDOUT%'", run);

        var drop = await Assert.ThrowsAsync<PostgresException>(() =>
            PostgreSqlServerFixture.ExecuteAsync(Prod, "SET lock_timeout = '500ms'; DROP TABLE victim", Token));
        var (exitCode, _, error) = await run;

        Assert.Equal("55P03", drop.SqlState);
        Assert.True(exitCode == 0, error);
        Assert.Equal(3L, await ScalarAsync<long>(Staging, "SELECT count(*) FROM victim"));
    }

    [Fact]
    public async Task Ctrl_C_mid_copy_exits_130_and_leaves_the_previous_target_serving()
    {
        var job = await UseBigSourceAsync();
        await PostgreSqlServerFixture.ExecuteAsync(server.ConnectionString, $"CREATE DATABASE \"{staging}\"", Token);
        await PostgreSqlServerFixture.ExecuteAsync(Staging, "CREATE TABLE marker (note text); INSERT INTO marker VALUES ('previous copy')", Token);
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = cli.RunAsync(["run", job], new Dictionary<string, string?> { ["DataRefresh:MaskingKey"] = CliRunner.MaskingKey }, ctrlC.Token);
        await WaitForAsync("datname = @prod AND query LIKE 'COPY %big%TO STDOUT%'", run);

        await ctrlC.CancelAsync();
        var (exitCode, _, error) = await run;

        Assert.Equal(ExitCodes.Cancelled, exitCode);
        Assert.Contains("error: Cancelled; the target was not changed.", error, StringComparison.Ordinal);
        Assert.Equal("previous copy", await ScalarAsync<string>(Staging, "SELECT note FROM marker"));
        Assert.Empty(await SideDatabasesAsync());
    }

    [Fact]
    public async Task A_target_out_of_disk_space_fails_at_once_and_leaves_nothing_behind()
    {
        if (Environment.GetEnvironmentVariable(PostgreSqlServerFixture.ServerVariable) is { Length: > 0 })
        {
            MachineRequirement.Missing("needs the test run's own server: the small tablespace must be on the server's machine");
        }

        // The source's table lives in a tablespace on a 6 MB tmpfs; pg_dump keeps the tablespace, so the side database's
        // copy lands there too and runs out of space halfway.
        await using var tiny = await SmallTablespace.CreateAsync(server.ConnectionString, megabytes: 6, Token);
        try
        {
            // About 4 MB of rows: the source fits, a second copy does not.
            var job = await UseBigSourceAsync($"""
                CREATE TABLE big (id bigint PRIMARY KEY, secret text NOT NULL) TABLESPACE {tiny.Name};
                INSERT INTO big SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 30000) g;
                ANALYZE;
                """);
            var watch = Stopwatch.StartNew();

            var (exitCode, _, error) = await cli.RunAsync(["run", job]);

            Assert.True(exitCode == ExitCodes.RefreshFailed, error);
            Assert.Contains("53100", error, StringComparison.Ordinal);
            Assert.Contains("free disk space on the target server", error, StringComparison.Ordinal);
            Assert.DoesNotContain("transient failure", error, StringComparison.Ordinal);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60));
            Assert.False(await server.DatabaseExistsAsync(staging, Token));
            Assert.Empty(await SideDatabasesAsync());
        }
        finally
        {
            // The tablespace can only go once no database keeps tables in it.
            foreach (var database in new[] { prod, staging })
            {
                await PostgreSqlServerFixture.ExecuteAsync(server.ConnectionString, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", Token);
            }
        }
    }

    /// <summary>Waits until a session matching <paramref name="where"/> is active, then ends it once.</summary>
    private async Task<bool> TerminateOnceAsync(string where, Task run)
    {
        if (await WaitForAsync(where, run) is not { } pid)
        {
            return false;
        }

        return await ScalarAsync<bool>(server.ConnectionString, $"SELECT pg_terminate_backend({pid})");
    }

    private async Task<int?> WaitForAsync(string where, Task run)
    {
        await using var connection = new NpgsqlConnection(PostgreSqlServerFixture.Unpooled(server.ConnectionString));
        await connection.OpenAsync(Token);
        while (!run.IsCompleted)
        {
            await using var command = new NpgsqlCommand($"SELECT pid FROM pg_stat_activity WHERE state = 'active' AND {where} LIMIT 1", connection);
            command.Parameters.AddWithValue("prod", prod);
            command.Parameters.AddWithValue("side", staging + "__refresh_%");
            if (await command.ExecuteScalarAsync(Token) is int pid)
            {
                return pid;
            }

            await Task.Delay(5, Token);
        }

        return null;
    }

    private static Task<T> ScalarAsync<T>(string connectionString, string sql) => PostgreSqlServerFixture.ScalarAsync<T>(connectionString, sql, Token);

    private Task<IReadOnlyList<string>> SideDatabasesAsync() => server.DatabasesBesideAsync(staging, includePrevious: true, Token);
}
