using System.Security.Cryptography;
using System.Text;

namespace DataRefresh.Core.Audit;

/// <summary>
/// The hash chain over the history store's audit records, so a record cannot be edited, removed or slipped in quietly:
/// each record carries the SHA-256 of the stored JSON of the one before it (<see cref="AuditRecord.PreviousRecordHash"/>),
/// the store keeps each record's own hash beside it and the chain's last hash (its head) and first link (its anchor: the
/// genesis, or what a purge left). Checking walks the records in the order they were added. A rewrite of the whole chain by
/// someone with write access to the store is only caught against a head kept elsewhere: <c>audit --verify</c> prints it,
/// and every run logs the head it wrote at debug level.
/// </summary>
public static class AuditChain
{
    /// <summary>The anchor of a chain that nothing was purged from.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The record linked to <paramref name="previous"/>: its JSON as stored and that JSON's hash.</summary>
    public static (string Json, string Hash) Link(AuditRecord record, string previous)
    {
        var json = AuditJson.Serialize(record with { PreviousRecordHash = previous });
        return (json, Hash(json));
    }

    public static string Hash(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>
    /// Checks the chain as <paramref name="store"/> holds it: from the anchor, every record must hold the hash of the one
    /// before it and match its own, and the head read first must be reached (records added while it reads must chain on
    /// from it). The report names records by run id and position, never by their content.
    /// </summary>
    public static async Task<AuditChainReport> VerifyAsync(History.IAuditStore store, CancellationToken cancellationToken = default)
    {
        var (anchor, head) = await store.ReadAuditChainEndsAsync(cancellationToken);
        var problems = new List<string>();
        var expected = anchor;
        var chained = 0;
        var beforeChain = 0;
        var position = 0;
        var reachedHead = anchor == head;
        await foreach (var stored in store.ReadAuditChainAsync(cancellationToken))
        {
            position++;
            var where = $"record {position} (run {stored.RunId})";
            if (stored.Hash is null)
            {
                // Records written before the store kept the chain come first; one after the chain began was slipped in.
                if (chained == 0)
                {
                    beforeChain++;
                }
                else
                {
                    problems.Add($"{where} has no hash: it was added to the store outside the chain");
                }

                continue;
            }

            chained++;
            if (Hash(stored.Json) != stored.Hash)
            {
                problems.Add($"{where} was changed after it was written: its content does not match its hash");
            }

            if (PreviousOf(stored.Json) != expected)
            {
                problems.Add($"{where} does not follow the record before it: a record before it was removed, changed or inserted");
            }

            expected = stored.Hash;
            reachedHead |= stored.Hash == head;
        }

        if (!reachedHead)
        {
            problems.Add(chained == 0
                ? "the chain's head names records that are gone: every chained record was removed"
                : "the last record is not the chain's head: records after it were removed");
        }

        return new AuditChainReport(chained, beforeChain, head, problems);
    }

    private static string? PreviousOf(string json)
    {
        try
        {
            return AuditJson.Deserialize(json).PreviousRecordHash;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>One audit record as stored: its run id, its JSON and the hash stored beside it (null: written before the chain).</summary>
public sealed record StoredAuditRecord(string RunId, string Json, string? Hash);

/// <summary>What checking the chain found: how many records it covers, how many came before it, its head, and every break.</summary>
public sealed record AuditChainReport(int Chained, int BeforeChain, string Head, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}
