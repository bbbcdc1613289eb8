using DataRefresh.Core.History;

namespace DataRefresh.Core.Audit;

/// <summary>
/// Keeps a run's record in both places: the JSON-lines file and the history store. Each is tried even when the other
/// fails; what failed comes back as sentences, so the caller decides what it means for the run's exit code.
/// </summary>
public sealed class AuditTrail(AuditJsonLines file, IHistoryStore store)
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
        var json = AuditJson.Serialize(record);
        var problems = new List<string>();
        try
        {
            await file.AppendAsync(json, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the audit file {file.Path} ({exception.Message.TrimEnd('.')})");
        }

        try
        {
            await store.AddAuditRecordAsync(record, json, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            problems.Add($"the history store {store.Location} ({exception.GetType().Name}: {exception.Message.TrimEnd('.')})");
        }

        return problems;
    }
}
