using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using DataRefresh.Core.Audit;
using DataRefresh.Core.History;

namespace DataRefresh.History;

/// <summary>
/// Audit records: a row per record holding its JSON as written to the JSON-lines file, with the columns a query filters
/// on, each linked to the one before it by <see cref="AuditChain"/>; and the purge of old records, itself recorded.
/// </summary>
public partial class HistoryStore
{
    // Concurrent writers (nodes of a cluster) race for the chain's head; the loser links to the new head and tries again.
    private const int ChainAttempts = 20;

    public async Task<StoredAuditRecord> AddAuditRecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await InChainTransactionAsync(connection, transaction => AppendAsync(connection, transaction, record, cancellationToken), cancellationToken);
    }

    public Task<IReadOnlyList<string>> ReadAuditRecordsAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        ReadRowsAsync(dialect.ReadAuditRecords, reader => reader.GetString(0), cancellationToken, Instant("@since", query.Since), Text("@job", query.Job), Text("@run_id", query.RunId));

    public async Task<(string Anchor, string Head)> ReadAuditChainEndsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadChainEndsAsync(connection, null, cancellationToken);
    }

    public async IAsyncEnumerable<StoredAuditRecord> ReadAuditChainAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, dialect.ReadAuditRecordsInChainOrder);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredAuditRecord(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
    }

    public async Task<AuditPurge> PurgeAsync(DateTimeOffset before, Func<AuditPurge, AuditRecord> describe, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        AuditPurge? purged = null;
        await InChainTransactionAsync(
            connection,
            async transaction =>
            {
                // Only a prefix of the chain can go (records are added as runs end, so ended-before is nearly a prefix
                // already): from the first record of a run that ended since, everything stays, so the chain still verifies.
                await using var first = Command(connection, dialect.FirstAuditRecordEndedSince, Instant("@before", before));
                first.Transaction = transaction;
                var boundary = await first.ExecuteScalarAsync(cancellationToken) is long position ? position : (long?)null;
                var auditRecords = await ExecuteAsync(connection, transaction, dialect.PurgeAuditRecords, cancellationToken, ("@boundary", DbType.Int64, boundary));
                var runs = await ExecuteAsync(connection, transaction, dialect.PurgeRuns, cancellationToken, Instant("@before", before));

                await using var link = Command(connection, dialect.OldestChainLink);
                link.Transaction = transaction;
                var anchor = await link.ExecuteScalarAsync(cancellationToken) as string ?? (await ReadChainEndsAsync(connection, transaction, cancellationToken)).Head;
                await ExecuteAsync(connection, transaction, dialect.SetAuditChainAnchor, cancellationToken, Text("@anchor", anchor));

                purged = new AuditPurge(before, runs, auditRecords);
                return await AppendAsync(connection, transaction, describe(purged), cancellationToken);
            },
            cancellationToken);
        return purged!;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction, again from the start when another writer moved the chain's head first.</summary>
    private async Task<StoredAuditRecord> InChainTransactionAsync(DbConnection connection, Func<DbTransaction, Task<StoredAuditRecord?>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await work(transaction) is { } stored)
            {
                await transaction.CommitAsync(cancellationToken);
                return stored;
            }

            await transaction.RollbackAsync(cancellationToken);
            if (attempt == ChainAttempts)
            {
                throw new InvalidOperationException($"Could not add an audit record to {Location}: other writers moved the audit chain's head {ChainAttempts} times in a row.");
            }
        }
    }

    /// <summary>Adds the record after the chain's head; null when another writer moved the head since it was read.</summary>
    private async Task<StoredAuditRecord?> AppendAsync(DbConnection connection, DbTransaction transaction, AuditRecord record, CancellationToken cancellationToken)
    {
        var (_, head) = await ReadChainEndsAsync(connection, transaction, cancellationToken);
        var (json, hash) = AuditChain.Link(record, head);
        if (await ExecuteAsync(connection, transaction, dialect.MoveAuditChainHead, cancellationToken, Text("@head", hash), Text("@previous", head)) == 0)
        {
            return null;
        }

        await ExecuteAsync(
            connection,
            transaction,
            dialect.AddAuditRecord,
            cancellationToken,
            Text("@run_id", record.RunId), Text("@job", record.Job), Text("@job_file", record.JobFile), Instant("@started", record.StartedAt),
            Instant("@ended", record.EndedAt), Text("@outcome", record.Outcome.ToString().ToLowerInvariant()), Integer("@exit_code", record.ExitCode),
            Text("@record", json), Text("@previous_hash", head), Text("@record_hash", hash));
        return new StoredAuditRecord(record.RunId, json, hash);
    }

    private async Task<(string Anchor, string Head)> ReadChainEndsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, dialect.ReadAuditChain);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetString(1))
            : throw new InvalidOperationException($"The history store {Location} has no audit chain row: its schema was changed by hand.");
    }

    private static Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params ReadOnlySpan<(string Name, DbType Type, object? Value)> parameters)
    {
        var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        return ExecuteAndDisposeAsync(command, cancellationToken);
    }

    private static async Task<int> ExecuteAndDisposeAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
