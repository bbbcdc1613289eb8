using System.Data.Common;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>The run history: a row per run, inserted when it starts and completed when it ends.</summary>
public partial class HistoryStore
{
    public Task StartRunAsync(RunStart run, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.StartRun,
            cancellationToken,
            Text("@run_id", run.RunId), Text("@job", run.Job), Text("@trigger", run.Trigger), Text("@node", run.Node), Instant("@started", run.StartedAt),
            Instant("@scheduled", run.ScheduledFor), Text("@target", run.Target), Text("@outcome", RunOutcome.Running.ToText()));

    public async Task FinishRunAsync(RunEnd end, CancellationToken cancellationToken = default)
    {
        var finished = await ExecuteAsync(
            dialect.FinishRun,
            cancellationToken,
            Text("@outcome", end.Outcome.ToText()), Instant("@ended", end.EndedAt), Integer("@exit_code", end.ExitCode), Text("@error", end.Error),
            Text("@tables", TableRowsJson.Serialize(end.Tables)), Long("@bytes", end.BytesCopied), Text("@run_id", end.RunId));
        if (finished == 0)
        {
            // A run id is ours (time and random), never a row value, so it may be named.
            throw new InvalidOperationException(
                $"Cannot finish run {end.RunId}: the history store {Location} has no record of its start (StartRunAsync was not called for it, or the run history was reset).");
        }
    }

    public Task ReportProgressAsync(string runId, RunProgressReport progress, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.ReportProgress,
            cancellationToken,
            Text("@progress", System.Text.Json.JsonSerializer.Serialize(progress)), Text("@run_id", runId), Text("@running", RunOutcome.Running.ToText()));

    public Task<IReadOnlyList<RunHistoryEntry>> ReadRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(
            dialect.ReadRuns,
            ReadEntry,
            cancellationToken,
            Text("@job", query.Job), Text("@outcome", query.Outcome?.ToText()), Instant("@since", query.Since), Text("@run_id", query.RunId), Integer("@limit", Math.Max(0, query.Limit)));

    public Task<IReadOnlyList<RunSummary>> SummarizeRunsAsync(CancellationToken cancellationToken = default) =>
        ReadRowsAsync(
            dialect.SummarizeRuns,
            reader => new RunSummary(
                reader.GetString(0),
                RunOutcomeText.Parse(reader.GetString(1)),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(4) ? null : dialect.ReadInstant(reader, 4)),
            cancellationToken);

    public async Task<IReadOnlyDictionary<string, RunHistoryEntry>> LatestRunPerJobAsync(CancellationToken cancellationToken = default) =>
        (await ReadRowsAsync(dialect.LatestRunPerJob, ReadEntry, cancellationToken)).ToDictionary(entry => entry.Job, StringComparer.Ordinal);

    public Task<int> MarkInterruptedAsync(string job, string exceptNode, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.MarkInterrupted,
            cancellationToken,
            Text("@interrupted", RunOutcome.Interrupted.ToText()), Instant("@at", at), Text("@reason", reason),
            Text("@running", RunOutcome.Running.ToText()), Text("@job", job), Text("@node", exceptNode));

    public Task<int> MarkAbandonedAsync(DateTimeOffset silentSince, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            dialect.MarkAbandoned,
            cancellationToken,
            Text("@interrupted", RunOutcome.Interrupted.ToText()), Instant("@at", at), Text("@reason", reason),
            Text("@running", RunOutcome.Running.ToText()), Instant("@silent_since", silentSince));

    // Reads a row of the dialect's RunColumns, in their order.
    private RunHistoryEntry ReadEntry(DbDataReader reader) =>
        new(
            RunId: reader.GetString(0),
            Job: reader.GetString(1),
            Trigger: reader.GetString(2),
            Node: reader.GetString(3),
            StartedAt: dialect.ReadInstant(reader, 4),
            ScheduledFor: reader.IsDBNull(5) ? null : dialect.ReadInstant(reader, 5),
            Target: reader.IsDBNull(6) ? null : reader.GetString(6),
            Outcome: RunOutcomeText.Parse(reader.GetString(7)),
            EndedAt: reader.IsDBNull(8) ? null : dialect.ReadInstant(reader, 8),
            ExitCode: reader.IsDBNull(9) ? null : reader.GetInt32(9),
            Error: reader.IsDBNull(10) ? null : reader.GetString(10),
            Tables: TableRowsJson.Deserialize(reader.GetString(11)))
        {
            Progress = reader.IsDBNull(12) ? null : System.Text.Json.JsonSerializer.Deserialize<RunProgressReport>(reader.GetString(12)),
            BytesCopied = reader.IsDBNull(13) ? null : Convert.ToInt64(reader.GetValue(13), System.Globalization.CultureInfo.InvariantCulture),
        };
}
