using DataRefresh.Core.Audit;

namespace DataRefresh.Core.History;

/// <summary>The audit records of runs, each kept as the JSON written for it, with the columns a query filters on.</summary>
public interface IAuditStore
{
    /// <summary>Adds one run's record; <paramref name="json"/> is its <see cref="AuditJson"/> form, stored as it is.</summary>
    Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default);

    /// <summary>Records matching the query, oldest first; each is the JSON stored for it.</summary>
    Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
