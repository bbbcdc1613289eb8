using DataRefresh.Core.Audit;

namespace DataRefresh.Core.History;

/// <summary>
/// Where runs are remembered: for now their audit records. SQLite is the default (DataRefresh.History); run history and a
/// PostgreSQL store come next, behind this same interface. A store creates or migrates its schema on first use.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Where the store lives, for messages (a file path, a connection without secrets).</summary>
    string Location { get; }

    /// <summary>Creates or migrates the schema, so a run never starts when its record could not be kept.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds one run's record; <paramref name="json"/> is its <see cref="AuditJson"/> form, stored as it is.</summary>
    Task AddAuditRecordAsync(AuditRecord record, string json, CancellationToken cancellationToken = default);

    /// <summary>Records matching the query, oldest first; each is the JSON stored for it.</summary>
    Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
