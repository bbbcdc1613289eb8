using System.Runtime.CompilerServices;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Core.Values;

namespace DataRefresh.Testing.InMemory;

/// <summary>
/// A snapshot of an in-memory source: a deep copy of the database taken when it opened, so writes to the source after
/// that are invisible to every reader. Also serves as the catalog. Slices cut a table by row position.
/// </summary>
internal sealed class InMemorySourceSnapshot(InMemoryDatabase copy, InMemoryProvider provider) : ISourceSnapshot
{
    public DatabaseSchema Schema { get; } = copy.Schema;

    /// <summary>An in-memory database has no privileges or disk: the one check it can make is that every planned table exists.</summary>
    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightAsync(RefreshPlan plan, Core.Configuration.EnvironmentSettings source, CancellationToken cancellationToken = default)
    {
        var missing = plan.Tables.Where(table => copy.Schema.FindTable(table.Table.Name) is null).Select(table => table.Table.Name.ToString()).ToList();
        return Task.FromResult<IReadOnlyList<Core.Preflight.PreflightCheck>>(
            [missing.Count == 0 ? Core.Preflight.PreflightCheck.Ok($"all {plan.Tables.Count} tables readable") : Core.Preflight.PreflightCheck.Missing($"cannot read {string.Join(", ", missing)}")]);
    }

    public Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(table.Where is null && table.ParentFilters.Count == 0 ? null : "the in-memory provider cannot run row filters");
    }

    public Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<object?[]>>(
            [.. copy.Rows(table.Name).Take(rows).Select(row => row.Select(value => value is UndecodableSourceValue ? Undecodable.Value : value).ToArray())]);
    }

    public Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        provider.Calls.TablesHeld();
        return provider.Capabilities.HoldsTables
            ? Task.CompletedTask
            : throw new InvalidOperationException("HoldTablesAsync was called although the provider declares HoldsTables = false");
    }

    /// <summary>The native archive is the source's key list: a target of this engine restores keys from it in post-data.</summary>
    public Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new SchemaExport(Schema, copy.Keys, provider.Kind, NativeArchive: null));
    }

    public Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var rows = copy.Rows(table.Table.Name).Count;
        return Task.FromResult(rows < provider.MinimumRowsToSlice ? [TableSlice.Whole] : TableSlice.Split(rows, maxSlices));
    }

    public Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var positions = table.Columns.Select(column => copy.ColumnIndex(table.Table.Name, column.Column.Name)).ToArray();
        var all = copy.Rows(table.Table.Name);
        var end = (int)(slice.End ?? all.Count);
        var rows = all.Take((int)slice.Start..Math.Min(end, all.Count)).Select(row => positions.Select(position => row[position]).ToArray()).ToList();
        provider.Calls.ReaderOpened();
        return Task.FromResult<ITableReader>(new InMemoryTableReader(rows, options.Masking.CreateRowMasker(table, slice), options, provider.ReadDelayPerBatch, provider.Calls));
    }

    public async IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = copy.ColumnIndex(table.Name, column);
        foreach (var row in copy.Rows(table.Name))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return row[index] is UndecodableSourceValue ? null : row[index];
        }
    }

    /// <summary>Every row (the in-memory engine runs no SQL: a condition is refused, as a where filter is).</summary>
    public async IAsyncEnumerable<object?[]> ReadValuesAsync(
        TablePlan table, IReadOnlyList<string> columns, string? condition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (condition is not null)
        {
            throw new Core.Errors.DataRefreshException(Core.Errors.ExitCodes.RulesDoNotMatchSchema, "the in-memory provider cannot run a where condition");
        }

        var positions = columns.Select(column => copy.ColumnIndex(table.Table.Name, column)).ToArray();
        foreach (var row in copy.Rows(table.Table.Name))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return [.. positions.Select(position => row[position] is UndecodableSourceValue ? Core.Values.Undecodable.Value : row[position])];
        }
    }

    public Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(copy.Keys);
    }

    public Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<SequenceState>>([.. copy.Sequences.Select(pair => new SequenceState(pair.Key, pair.Value))]);
    }

    /// <summary>The in-memory engine has no large objects.</summary>
    public async IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
