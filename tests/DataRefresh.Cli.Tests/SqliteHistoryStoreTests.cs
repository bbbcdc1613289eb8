using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using DataRefresh.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Cli.Tests;

/// <summary>
/// The SQLite history store's file and schema: migrated from what older builds wrote, once, and refused when newer.
/// What it stores and returns is checked by <see cref="SqliteHistoryStoreContractTests"/>.
/// </summary>
public sealed class SqliteHistoryStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("datarefresh-history-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_version_1_store_is_migrated_and_keeps_its_audit_records()
    {
        // The file a build with only migration 1 (audit records) left behind, with one record in it.
        var file = Path.Combine(directory, "sub", "history.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var started = new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
        var record = new AuditRecord
        {
            RunId = "old-run",
            Job = "nightly",
            JobFile = "jobs/nightly.yaml",
            Outcome = AuditOutcome.Succeeded,
            ExitCode = 0,
            RanBy = new AuditHost("u", "m", 1, "0.9"),
            StartedAt = started,
            EndedAt = started.AddSeconds(3),
        };
        await ExecuteAsync(
            file,
            """
            CREATE TABLE audit_records (
                run_id TEXT NOT NULL PRIMARY KEY, job TEXT, job_file TEXT NOT NULL, started_at_ms INTEGER NOT NULL,
                ended_at_ms INTEGER NOT NULL, outcome TEXT NOT NULL, exit_code INTEGER NOT NULL, record TEXT NOT NULL);
            CREATE INDEX audit_records_started ON audit_records (started_at_ms);
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            INSERT INTO schema_version (version) VALUES (1);
            INSERT INTO audit_records VALUES ('old-run', 'nightly', 'jobs/nightly.yaml', @started, @started + 3000, 'succeeded', 0, @record);
            """,
            ("@started", started.ToUnixTimeMilliseconds()), ("@record", AuditJson.Serialize(record)));

        var store = new SqliteHistoryStore(file);
        await store.StartRunAsync(new RunStart("new-run", "nightly", "schedule", "node-a", started.AddDays(1), null, "staging"), Token);

        Assert.Equal(AuditJson.Serialize(record), Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(), Token)));
        Assert.Equal("new-run", Assert.Single(await store.ReadRunsAsync(new RunQuery(), Token)).RunId);
        Assert.Equal(8L, await ScalarAsync(file, "SELECT max(version) FROM schema_version"));

        // Opened again (as every command does), the schema is not migrated twice.
        await new SqliteHistoryStore(file).EnsureReadyAsync(Token);
        Assert.Equal(8L, await ScalarAsync(file, "SELECT count(*) FROM schema_version"));

        // The old record stays as it was, before the chain; the next one starts the chain, which verifies.
        await store.AddAuditRecordAsync(record with { RunId = "new-run" }, Token);
        var report = await AuditChain.VerifyAsync(store, Token);
        Assert.True(report.Intact, string.Join("; ", report.Problems));
        Assert.Equal((1, 1), (report.Chained, report.BeforeChain));
    }

    [Fact]
    public async Task A_store_from_a_newer_version_is_refused_rather_than_written()
    {
        var file = Path.Combine(directory, "history.db");
        await new SqliteHistoryStore(file).EnsureReadyAsync(Token);
        await ExecuteAsync(file, "INSERT INTO schema_version (version) VALUES (99)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteHistoryStore(file).EnsureReadyAsync(Token));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(string file, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new SqliteCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<long?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync(Token) as long?;
    }
}
