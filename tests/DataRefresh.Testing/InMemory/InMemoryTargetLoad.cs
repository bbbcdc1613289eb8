using DataRefresh.Core.Errors;
using DataRefresh.Core.Jobs;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Verification;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// A side database on an <see cref="InMemoryServer"/>, named <c>&lt;target&gt;__refresh_&lt;run&gt;</c>: pre-data
/// creates the empty tables, a table's post-data its keys other than foreign keys, the final post-data every key not
/// built yet; cut-over swaps it in for the target; disposed without a cut-over, it is dropped.
/// </summary>
internal sealed class InMemoryTargetLoad(InMemoryServer server, string target, InMemoryDatabase side, InMemoryProvider provider) : ITargetLoad
{
    private readonly HashSet<KeyDefinition> builtKeys = [];
    private long largeObjects;
    private bool cutOver;

    public string DatabaseName { get; } = side.Name;

    /// <summary>The in-memory engine holds tables and keys, and its sources have nothing else.</summary>
    public IReadOnlyList<SchemaObject> NotBuilt => [];

    public Task ApplySchemaAsync(SchemaExport schema, SchemaSection section, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (section == SchemaSection.PreData)
        {
            foreach (var table in schema.Schema.Tables.Where(table => !side.HasTable(table.Name)))
            {
                side.AddTable(table);
            }
        }
        else
        {
            foreach (var key in schema.Keys.Where(key => !builtKeys.Contains(key)))
            {
                side.AddKey(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> ResolveTypeIdAsync(QualifiedName type, CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task ApplyTableSchemaAsync(SchemaExport schema, QualifiedName table, SchemaApplyOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        provider.Calls.TableSchemaApplied(table);
        foreach (var key in schema.Keys.Where(key => key.Table == table && !key.IsForeignKey))
        {
            lock (builtKeys)
            {
                builtKeys.Add(key);
            }

            side.AddKey(key);
        }

        return Task.CompletedTask;
    }

    public Task<ITableWriter> OpenTableWriterAsync(TablePlan table, TableSlice slice, string format, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return format is InMemoryRowBatch.Format or DecodedRowBatch.Format
            ? Task.FromResult<ITableWriter>(new InMemoryTableWriter(side, table, slice, provider.Calls, provider.Failures))
            : throw new DataRefreshException(ExitCodes.RefreshFailed, $"the in-memory writer cannot take batches in {format}");
    }

    public Task ApplySequencesAsync(IReadOnlyList<SequenceState> sequences, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var sequence in sequences)
        {
            side.SetSequence(sequence.Name, sequence.LastValue);
        }

        return Task.CompletedTask;
    }

    public async Task<long> WriteLargeObjectsAsync(IAsyncEnumerable<LargeObject> objects, CancellationToken cancellationToken = default)
    {
        long written = 0;
        await foreach (var _ in objects.WithCancellation(cancellationToken))
        {
            written++;
        }

        largeObjects += written;
        return written;
    }

    public Task FinishLoadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<VerificationCheck>> VerifyKeysAsync(IReadOnlyList<KeyDefinition> sourceKeys, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(InMemoryKeyVerifier.Verify(sourceKeys, side));
    }

    public Task<long> CountLargeObjectsAsync(CancellationToken cancellationToken = default) => Task.FromResult(largeObjects);

    public Task<IReadOnlyList<long>> RunAfterStepAsync(AfterStep step, CancellationToken cancellationToken = default) =>
        throw new DataRefreshException(ExitCodes.Configuration, $"{step.SqlFile}: the in-memory provider cannot run SQL after steps");

    public Task<IReadOnlyDictionary<QualifiedName, long>> CountRowsAsync(IReadOnlyList<QualifiedName> tables, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyDictionary<QualifiedName, long>>(tables.ToDictionary(table => table, table => (long)side.Rows(table).Count));
    }

    public Task CutOverAsync(bool keepPrevious, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        server.CutOver(DatabaseName, target, keepPrevious);
        cutOver = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!cutOver)
        {
            server.Drop(DatabaseName);
        }

        return ValueTask.CompletedTask;
    }
}
