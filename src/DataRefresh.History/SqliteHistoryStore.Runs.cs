using DataRefresh.Core.History;
using Microsoft.Data.Sqlite;

namespace DataRefresh.History;

/// <summary>The run history in SQLite: a row per run, inserted when it starts and completed when it ends.</summary>
public sealed partial class SqliteHistoryStore
{
    private const string RunColumns =
        """run_id, job, "trigger", node, started_at_ms, scheduled_for_ms, target, outcome, ended_at_ms, exit_code, error, tables""";

    public async Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            INSERT INTO runs (run_id, job, "trigger", node, started_at_ms, scheduled_for_ms, target, outcome)
            VALUES (@run_id, @job, @trigger, @node, @started, @scheduled, @target, @outcome)
            """,
            ("@run_id", run.RunId), ("@job", run.Job), ("@trigger", run.Trigger), ("@node", run.Node), ("@started", Ms(run.StartedAt)),
            ("@scheduled", run.ScheduledFor is { } scheduled ? Ms(scheduled) : null), ("@target", run.Target), ("@outcome", RunOutcome.Running.ToText()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task FinishRunAsync(RunEnd end, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "UPDATE runs SET outcome = @outcome, ended_at_ms = @ended, exit_code = @exit_code, error = @error, tables = @tables WHERE run_id = @run_id",
            ("@outcome", end.Outcome.ToText()), ("@ended", Ms(end.EndedAt)), ("@exit_code", end.ExitCode), ("@error", end.Error),
            ("@tables", TableRowsJson.Serialize(end.Tables)), ("@run_id", end.RunId));
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw RunHistoryErrors.NoSuchRun(end.RunId, Location);
        }
    }

    public async Task<IReadOnlyList<RunHistoryEntry>> ReadRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"SELECT {RunColumns} FROM runs WHERE @job IS NULL OR job = @job ORDER BY started_at_ms DESC, run_id DESC LIMIT @limit",
            ("@job", query.Job), ("@limit", Math.Max(0, query.Limit)));
        return await ReadEntriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, RunHistoryEntry>> LatestRunPerJobAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            $"""
            SELECT {RunColumns} FROM (
                SELECT *, row_number() OVER (PARTITION BY job ORDER BY started_at_ms DESC, run_id DESC) AS newest FROM runs)
            WHERE newest = 1
            """);
        return (await ReadEntriesAsync(command, cancellationToken)).ToDictionary(entry => entry.Job, StringComparer.Ordinal);
    }

    public async Task<int> MarkInterruptedAsync(string job, string exceptNode, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            """
            UPDATE runs SET outcome = @interrupted, ended_at_ms = @at, error = @reason
            WHERE outcome = @running AND job = @job AND node <> @node
              AND EXISTS (SELECT 1 FROM scheduler_nodes n WHERE n.node = runs.node)
            """,
            ("@interrupted", RunOutcome.Interrupted.ToText()), ("@at", Ms(at)), ("@reason", reason),
            ("@running", RunOutcome.Running.ToText()), ("@job", job), ("@node", exceptNode));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> MarkAbandonedAsync(DateTimeOffset silentSince, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // Only scheduler nodes beat: a `run` command's process never does, and its running row must not be taken for abandoned.
        // A node that restarted under the same name (started after the run did) cannot still be running it.
        await using var command = Command(
            connection,
            """
            UPDATE runs SET outcome = @interrupted, ended_at_ms = @at, error = @reason
            WHERE outcome = @running
              AND EXISTS (SELECT 1 FROM scheduler_nodes n WHERE n.node = runs.node AND (n.last_seen_ms < @silent_since OR n.started_at_ms > runs.started_at_ms))
            """,
            ("@interrupted", RunOutcome.Interrupted.ToText()), ("@at", Ms(at)), ("@reason", reason),
            ("@running", RunOutcome.Running.ToText()), ("@silent_since", Ms(silentSince)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<RunHistoryEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<RunHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new RunHistoryEntry(
                RunId: reader.GetString(0),
                Job: reader.GetString(1),
                Trigger: reader.GetString(2),
                Node: reader.GetString(3),
                StartedAt: At(reader.GetInt64(4)),
                ScheduledFor: reader.IsDBNull(5) ? null : At(reader.GetInt64(5)),
                Target: reader.IsDBNull(6) ? null : reader.GetString(6),
                Outcome: RunOutcomeText.Parse(reader.GetString(7)),
                EndedAt: reader.IsDBNull(8) ? null : At(reader.GetInt64(8)),
                ExitCode: reader.IsDBNull(9) ? null : reader.GetInt32(9),
                Error: reader.IsDBNull(10) ? null : reader.GetString(10),
                Tables: TableRowsJson.Deserialize(reader.GetString(11))));
        }

        return entries;
    }
}
