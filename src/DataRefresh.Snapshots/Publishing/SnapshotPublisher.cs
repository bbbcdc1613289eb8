using DataRefresh.Core.Audit;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Rules;
using DataRefresh.Core.Snapshots;
using DataRefresh.Snapshots.Csv;

namespace DataRefresh.Snapshots.Publishing;

/// <summary>
/// Finishes a snapshot from the SQLite file its run verified and cut over: reads it back through the seam for the
/// manifest's tables, keys and counts; for CSV writes every table as a gzip CSV file and removes the SQLite file; then
/// writes <c>manifest.json</c>. Every file is created readable by its owner only.
/// </summary>
public sealed class SnapshotPublisher(ProviderRegistry providers) : ISnapshotPublisher
{
    public async Task<SnapshotManifest> PublishAsync(SnapshotPublication publication, CancellationToken cancellationToken = default)
    {
        var place = publication.Place;
        var csv = publication.Snapshot.Format == SnapshotFormat.Csv;
        var tables = new List<SnapshotTable>();
        IReadOnlyList<KeyDefinition> keys;
        IReadOnlyList<IndexDefinition> indexes;
        var database = place.Target;
        var names = new SourceNames([.. publication.Tables.Select(table => table.Table)]);
        var copied = publication.Tables.ToDictionary(table => table.Table, table => table.Rows);
        await using (var snapshot = await providers.Get(database).OpenSnapshotAsync(database, cancellationToken))
        {
            var export = await snapshot.ExportSchemaAsync(cancellationToken);
            keys = [.. export.Keys.Select(names.Of)];
            indexes = [.. export.Indexes.Select(index => index with { Table = names.Of(index.Table) })];
            foreach (var table in snapshot.Schema.Tables)
            {
                var described = names.Of(table);
                if (csv)
                {
                    var plan = new TablePlan(table, [.. table.Columns.Where(column => !column.IsGenerated).Select(column => new ColumnPlan(column, null))], RowSelection.All, null, null);
                    var file = SnapshotFiles.CsvName(described.Name);
                    var rows = await CsvTableWriter.WriteAsync(snapshot, plan, Path.Combine(place.Folder, file), cancellationToken);
                    tables.Add(new SnapshotTable(described with { EstimatedRows = rows }, rows, file));
                }
                else
                {
                    // The run counted what it wrote, and verification checked the file holds exactly that.
                    var rows = copied.GetValueOrDefault(described.Name);
                    tables.Add(new SnapshotTable(described with { EstimatedRows = rows }, rows, null));
                }
            }
        }

        if (csv)
        {
            File.Delete(place.DatabaseFile);
        }

        // What the SQLite target leaves beside its file (the run lock) is not part of the snapshot.
        var databaseName = Path.GetFileName(place.DatabaseFile);
        foreach (var leftover in Directory.EnumerateFiles(place.Folder).Where(path => Path.GetFileName(path).StartsWith(databaseName + ".", StringComparison.Ordinal)))
        {
            File.Delete(leftover);
        }

        var files = csv ? tables.Select(table => table.File!) : [Path.GetFileName(place.DatabaseFile)];
        var manifest = new SnapshotManifest
        {
            Job = publication.Context.Job.Name,
            RunId = publication.RunId,
            Kind = csv ? "csv" : "sqlite",
            Source = publication.Context.Source.Name,
            SourceConnection = publication.Context.SourceProvider.DescribeConnection(publication.Context.Source.ConnectionString),
            RequestedFor = publication.RequestedFor,
            CreatedAt = publication.CreatedAt,
            ExpiresAt = publication.CreatedAt + publication.Snapshot.Ttl,
            Rules = publication.Rules,
            MaskingKeyFingerprint = publication.MaskingKeyFingerprint,
            Subset = publication.Context.Job.Subset is not null,
            Tables = tables,
            Keys = keys,
            Indexes = indexes,
            Files = [.. files.Select(file => SnapshotFiles.Hash(place.Folder, file))],
        };

        await using (var stream = SnapshotFiles.CreatePrivate(place.ManifestFile))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(manifest.ToJson().AsMemory(), cancellationToken);
        }

        return manifest;
    }

    /// <summary>
    /// The SQLite file names tables as SQLite holds them (<c>customers</c>, <c>sales__orders</c>); the manifest names them
    /// as the source did (<c>public.customers</c>, <c>sales.orders</c>), so a restore builds them where they came from.
    /// </summary>
    private sealed class SourceNames(IReadOnlyList<Core.Schema.QualifiedName> sourceTables)
    {
        private readonly Dictionary<string, Core.Schema.QualifiedName> byLocalName =
            sourceTables.ToDictionary(Providers.Sqlite.SqliteDialect.LocalName, StringComparer.Ordinal);

        public Core.Schema.QualifiedName Of(Core.Schema.QualifiedName local) => byLocalName.GetValueOrDefault(local.Name, local);

        public Core.Schema.TableInfo Of(Core.Schema.TableInfo table) => table with
        {
            Name = Of(table.Name),
            ForeignKeys = [.. table.ForeignKeys.Select(foreignKey => foreignKey with { ReferencedTable = Of(foreignKey.ReferencedTable) })],
        };

        public KeyDefinition Of(KeyDefinition key) => key with { Table = Of(key.Table), ReferencedTable = key.ReferencedTable is { } referenced ? Of(referenced) : null };
    }
}
