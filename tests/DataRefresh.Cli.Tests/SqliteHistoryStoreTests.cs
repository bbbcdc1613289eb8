using DataRefresh.Core.Audit;
using DataRefresh.Core.History;
using DataRefresh.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Cli.Tests;

/// <summary>The SQLite history store on a real file: created and migrated on first use, filtered by time and job, oldest first.</summary>
public sealed class SqliteHistoryStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("datarefresh-history-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AuditRecord Record(string runId, string job, DateTimeOffset started) => new()
    {
        RunId = runId,
        Job = job,
        JobFile = $"jobs/{job}.yaml",
        Outcome = AuditOutcome.Succeeded,
        ExitCode = 0,
        RanBy = new AuditHost("u", "m", 1, "1.0"),
        StartedAt = started,
        EndedAt = started.AddSeconds(3),
    };

    [Fact]
    public async Task Records_are_kept_as_written_and_read_back_filtered_oldest_first()
    {
        var file = Path.Combine(directory, "sub", "history.db");
        var store = new SqliteHistoryStore(file);
        var noon = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        foreach (var record in new[] { Record("b", "nightly", noon), Record("a", "nightly", noon.AddHours(-1)), Record("c", "weekly", noon.AddHours(1)) })
        {
            await store.AddAuditRecordAsync(record, AuditJson.Serialize(record), Token);
        }

        string[] RunIds(IReadOnlyList<string> records) => records.Select(json => AuditJson.Deserialize(json).RunId).ToArray();
        Assert.Equal(["a", "b", "c"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(), Token)));
        Assert.Equal(["b", "c"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(Since: noon), Token)));
        Assert.Equal(["a", "b"], RunIds(await store.ReadAuditRecordsAsync(new AuditQuery(Job: "nightly"), Token)));
        Assert.Equal(AuditJson.Serialize(Record("c", "weekly", noon.AddHours(1))), Assert.Single(await store.ReadAuditRecordsAsync(new AuditQuery(Job: "weekly"), Token)));

        // Opened again (as every command does), the schema is not migrated twice.
        await new SqliteHistoryStore(file).EnsureReadyAsync(Token);
        Assert.Equal(2L, await ScalarAsync(file, "SELECT count(*) FROM schema_version"));
        Assert.Equal(2L, await ScalarAsync(file, "SELECT max(version) FROM schema_version"));
    }

    [Fact]
    public async Task A_store_from_a_newer_version_is_refused_rather_than_written()
    {
        var file = Path.Combine(directory, "history.db");
        await new SqliteHistoryStore(file).EnsureReadyAsync(Token);
        await ScalarAsync(file, "INSERT INTO schema_version (version) VALUES (99)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteHistoryStore(file).EnsureReadyAsync(Token));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new SqliteCommand(sql, connection);
        return await command.ExecuteScalarAsync(Token) as long?;
    }
}
