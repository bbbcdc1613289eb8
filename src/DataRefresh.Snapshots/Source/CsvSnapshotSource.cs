using System.Runtime.CompilerServices;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;
using DataRefresh.Snapshots.Csv;

namespace DataRefresh.Snapshots.Source;

/// <summary>
/// A CSV snapshot as a run's source: the manifest's neutral schema and keys, and each table's rows read from its file.
/// The files were written once and checked against their hashes when the folder was opened, so every reader sees the
/// same data and nothing needs holding. Its rows are already masked; a restore still runs them through its rules.
/// </summary>
internal sealed class CsvSnapshotSource(SnapshotFolder folder) : ISourceSnapshot
{
    private readonly Dictionary<QualifiedName, Core.Snapshots.SnapshotTable> tables = folder.Manifest.Tables.ToDictionary(table => table.Table.Name);

    public DatabaseSchema Schema { get; } = new([.. folder.Manifest.Tables.Select(table => table.Table)]);

    public Task<string?> CheckTableAsync(TablePlan table, CancellationToken cancellationToken = default) =>
        Task.FromResult(table.Where is null && table.ParentFilters.Count == 0 ? null : "a CSV snapshot runs no SQL, so its rows cannot be filtered with a where; restore it whole");

    public async Task<IReadOnlyList<object?[]>> SampleRowsAsync(TableInfo table, int rows, CancellationToken cancellationToken = default)
    {
        var sample = new List<object?[]>();
        await foreach (var row in ReadAsync(table, table.Columns, cancellationToken))
        {
            if (sample.Count == rows)
            {
                break;
            }

            sample.Add(row);
        }

        return sample;
    }

    public async IAsyncEnumerable<object?[]> ReadValuesAsync(TablePlan table, IReadOnlyList<string> columns, string? condition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (condition is not null)
        {
            throw new Core.Errors.DataRefreshException(Core.Errors.ExitCodes.RulesDoNotMatchSchema, "a CSV snapshot runs no SQL, so a where cannot choose its rows");
        }

        await foreach (var row in ReadAsync(table.Table, [.. columns.Select(column => table.Table.FindColumn(column)!)], cancellationToken))
        {
            yield return row;
        }
    }

    public Task<IReadOnlyList<Core.Preflight.PreflightCheck>> PreflightAsync(RefreshPlan plan, Core.Configuration.EnvironmentSettings source, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Core.Preflight.PreflightCheck>>(
            [Core.Preflight.PreflightCheck.Ok($"snapshot {folder.Path}: {folder.Manifest.Files.Count} files match their SHA-256 in the manifest (run {folder.Manifest.RunId} of job {folder.Manifest.Job})")]);

    public Task HoldTablesAsync(IReadOnlyList<TableInfo> tables, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<SchemaExport> ExportSchemaAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new SchemaExport(Schema, folder.Manifest.Keys, Core.Configuration.ProviderKind.CsvSnapshot, null)
        {
            Indexes = folder.Manifest.Indexes,
            // A generated column travels as its expression; one in SQLite's own SQL (a snapshot of a SQLite source) cannot be built elsewhere.
            Objects = [.. SchemaObject.UnportableGeneratedColumns(Schema, table => table.ToString())],
        });

    public Task<IReadOnlyList<TableSlice>> SliceAsync(TablePlan table, int maxSlices, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TableSlice>>([TableSlice.Whole]);

    public async Task<ITableReader> OpenTableReaderAsync(TablePlan table, TableSlice slice, TableReadOptions options, CancellationToken cancellationToken = default) =>
        new CsvSnapshotTableReader(await OpenAsync(table.Table, [.. table.Columns.Select(column => column.Column)], cancellationToken), options.Masking.CreateRowMasker(table, slice), options);

    public async IAsyncEnumerable<object?> ReadColumnAsync(TableInfo table, string column, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in ReadAsync(table, [table.FindColumn(column)!], cancellationToken))
        {
            yield return row[0];
        }
    }

    public Task<IReadOnlyList<KeyDefinition>> ReadKeysAsync(CancellationToken cancellationToken = default) => Task.FromResult(folder.Manifest.Keys);

    /// <summary>A snapshot keeps no sequence positions: a restored identity column continues after its largest value where the engine does that itself.</summary>
    public Task<IReadOnlyList<SequenceState>> ReadSequencesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SequenceState>>([]);

    public IAsyncEnumerable<LargeObject> ReadLargeObjectsAsync(bool withContent, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<LargeObject>();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<CsvTableReader> OpenAsync(TableInfo table, IReadOnlyList<ColumnInfo> columns, CancellationToken cancellationToken) =>
        CsvTableReader.OpenAsync(Path.Combine(folder.Path, tables[table.Name].File!), columns, cancellationToken);

    private async IAsyncEnumerable<object?[]> ReadAsync(TableInfo table, IReadOnlyList<ColumnInfo> columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await OpenAsync(table, columns, cancellationToken);
        while (await reader.ReadAsync(cancellationToken) is { } row)
        {
            yield return row;
        }
    }
}
