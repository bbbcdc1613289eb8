using DataRefresh.Core.History;
using Serilog;

namespace DataRefresh.Core.Audit;

/// <summary>
/// Keeps a run's record in both places: the history store, where it joins the hash chain (<see cref="AuditChain"/>), and
/// the JSON-lines file, which gets the same JSON with its link. Each is tried even when the other fails; what failed comes
/// back as sentences, so the caller decides what it means for the run's exit code.
/// </summary>
public sealed class AuditTrail(AuditJsonLines file, IHistoryStore store, ILogger logger)
{
    public string Describe() => $"{file.Path} and {store.Location}";

    /// <summary>Checked before a run starts: a run whose record could not be kept does not start.</summary>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken = default)
    {
        await file.EnsureWritableAsync(cancellationToken);
        await store.EnsureReadyAsync(cancellationToken);
    }

    /// <summary>Writes the record; returns what could not be written (empty when both were).</summary>
    public async Task<IReadOnlyList<string>> WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        // The store first: it decides the link to the record before, which the file's copy carries too.
        string? json = null;
        var problems = new List<string>();
        try
        {
            var stored = await store.AddAuditRecordAsync(record, cancellationToken);
            json = stored.Json;
            // The head in a log kept apart from the store is what shows a rewrite of the whole chain (audit --verify); at
            // debug level, so a failed run's own error stays the first thing it prints.
            logger.Debug("Audit record of run {RunId} added to the chain; head {Head:l}", record.RunId, stored.Hash);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            problems.Add($"the history store {store.Location} ({exception.GetType().Name}: {exception.Message.TrimEnd('.')})");
        }

        try
        {
            // Without the store's copy, the file still gets the record, unlinked.
            await file.AppendAsync(json ?? AuditJson.Serialize(record), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the audit file {file.Path} ({exception.Message.TrimEnd('.')})");
        }

        return problems;
    }
}
