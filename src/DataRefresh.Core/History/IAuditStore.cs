using DataRefresh.Core.Audit;

namespace DataRefresh.Core.History;

/// <summary>The audit records, each kept as the JSON written for it, with the columns a query filters on, in one hash chain (<see cref="AuditChain"/>).</summary>
public interface IAuditStore
{
    /// <summary>Adds the record at the end of the chain; returns it as stored (its JSON carries the link to the record before).</summary>
    Task<StoredAuditRecord> AddAuditRecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Records matching the query, oldest first; each is the JSON stored for it.</summary>
    Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>The chain's anchor (genesis, or the link a purge left) and head (the hash of the last record added).</summary>
    Task<(string Anchor, string Head)> ReadAuditChainEndsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every record in the order it was added, with the hash stored beside it.</summary>
    IAsyncEnumerable<StoredAuditRecord> ReadAuditChainAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the history rows of runs that ended before <paramref name="before"/> and the audit records added before the
    /// first record of a run that ended since (a prefix of the chain), moves the chain's anchor to what is left, and adds
    /// the record <paramref name="describe"/> makes of what was removed, all in one transaction.
    /// </summary>
    Task<AuditPurge> PurgeAsync(DateTimeOffset before, Func<AuditPurge, AuditRecord> describe, CancellationToken cancellationToken = default);
}
