using System.Threading.Channels;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Streams one table: binary COPY out of the source (inside the shared snapshot), tuples cut into batches and rewritten
/// where masked, binary COPY into the side database. A reader and a writer run concurrently with a bounded queue of
/// batches between them, so memory stays at a few batches whatever the table's size.
/// </summary>
internal sealed class PostgreSqlTableCopier(TablePlan plan, TableSlice slice, IReadOnlyList<PostgreSqlColumnType> columnTypes, TableCopyOptions options)
{
    // Batches also close at this size, so a batch of very wide rows cannot grow without bound.
    private const int MaxBatchBytes = 8 * 1024 * 1024;
    private const int QueuedBatches = 2;

    private IReadOnlyList<PostgreSqlColumnType> CopiedColumnTypes => CopiedTypes(plan, columnTypes);

    /// <summary>Whether the table must travel as text COPY (it has composite-type columns), in which case it cannot be masked.</summary>
    public static bool RequiresTextFormat(TablePlan plan, IReadOnlyList<PostgreSqlColumnType> columnTypes) =>
        CopiedTypes(plan, columnTypes).Any(type => type.NeedsTextFormat);

    private static List<PostgreSqlColumnType> CopiedTypes(TablePlan plan, IReadOnlyList<PostgreSqlColumnType> columnTypes) =>
        plan.Table.Columns.Select((column, index) => (column, index))
            .Where(pair => !pair.column.IsGenerated)
            .Select(pair => columnTypes[pair.index])
            .ToList();

    public async Task<long> CopyAsync(NpgsqlConnection source, NpgsqlConnection target, Func<Core.Schema.QualifiedName, CancellationToken, Task<uint>> targetTypeOid, IProgress<long> rowsCopied, CancellationToken cancellationToken)
    {
        var columnList = PostgreSqlDialect.QuoteList(plan.Columns.Select(column => column.Column.Name));
        var freeze = !plan.Table.IsPartitioned && slice.IsWhole;
        if (freeze)
        {
            // Truncating in the loading transaction lets COPY write frozen rows: no hint-bit rewrite or vacuum later.
            // Slices load in parallel transactions, so none of them can truncate.
            await using var truncate = new NpgsqlCommand($"TRUNCATE {PostgreSqlDialect.Quote(plan.Table.Name)}", target);
            await truncate.ExecuteNonQueryAsync(cancellationToken);
        }

        var select = RowFilterSql.Select(plan, slice);
        var into = $"COPY {PostgreSqlDialect.Quote(plan.Table.Name)} ({columnList}) FROM STDIN";
        if (RequiresTextFormat(plan, columnTypes))
        {
            return await CopyTextAsync(source, target, $"COPY ({select}) TO STDOUT", into + (freeze ? " (FREEZE)" : ""), rowsCopied, cancellationToken);
        }

        var rewriter = await CreateRewriterAsync(targetTypeOid, cancellationToken);
        await using var exporter = await source.BeginRawBinaryCopyAsync($"COPY ({select}) TO STDOUT (FORMAT binary)", cancellationToken);
        await using var importer = await target.BeginRawBinaryCopyAsync(into + $" (FORMAT binary{(freeze ? ", FREEZE" : "")})", cancellationToken);
        try
        {
            return await PumpAsync(exporter, importer, rewriter, rowsCopied, cancellationToken);
        }
        catch
        {
            await CancelQuietlyAsync(importer);
            throw;
        }
    }

    /// <summary>
    /// Ends an import that failed. When the failure was the connection itself, the stream is already gone and cancelling
    /// it throws too; that second error must not hide the first (whose kind decides whether the table is retried).
    /// </summary>
    private static async Task CancelQuietlyAsync(NpgsqlRawCopyStream importer)
    {
        try
        {
            await importer.CancelAsync();
        }
        catch (Exception exception) when (exception is ObjectDisposedException or NpgsqlException or IOException)
        {
        }
    }

    private async Task<long> PumpAsync(Stream exporter, Stream importer, TupleRewriter rewriter, IProgress<long> rowsCopied, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<BatchBuffer>(new BoundedChannelOptions(QueuedBatches) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(exporter, rewriter, batches.Writer, stop.Token), stop.Token);

        long rows = 0;
        try
        {
            await importer.WriteAsync(BinaryCopyFormat.Header, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                using (batch)
                {
                    await importer.WriteAsync(batch.Memory, cancellationToken);
                    rows += batch.Rows;
                    rowsCopied.Report(batch.Rows);
                }

                if (rows > 0)
                {
                    await Core.Pipeline.HaltPoint.ReachedAsync(Core.Pipeline.HaltPoint.Data, cancellationToken);
                }
            }

            await reading;
            await importer.WriteAsync(BinaryCopyFormat.Trailer, cancellationToken);
            return rows;
        }
        catch
        {
            await stop.CancelAsync();
            await reading.ContinueWith(_ => { }, TaskScheduler.Default);
            while (batches.Reader.TryRead(out var leftover))
            {
                leftover.Dispose();
            }

            throw;
        }
    }

    private async Task ReadBatchesAsync(Stream exporter, TupleRewriter rewriter, ChannelWriter<BatchBuffer> batches, CancellationToken cancellationToken)
    {
        var batch = new BatchBuffer(64 * 1024);
        try
        {
            using var tuples = new CopyTupleReader(exporter);
            while (true)
            {
                var tuple = await tuples.ReadTupleAsync(cancellationToken);
                if (tuple.IsEmpty)
                {
                    break;
                }

                rewriter.Write(tuple.Span, batch);
                batch.Rows++;
                if (batch.Rows >= options.BatchSize || batch.Length >= MaxBatchBytes)
                {
                    await batches.WriteAsync(batch, cancellationToken);
                    batch = new BatchBuffer(Math.Min(batch.Length + 1024, MaxBatchBytes));
                }
            }

            // Read to the real end of the COPY so the connection is left idle rather than cancelled.
            var drain = new byte[256];
            while (await exporter.ReadAsync(drain, cancellationToken) > 0)
            {
            }

            if (batch.Rows > 0)
            {
                await batches.WriteAsync(batch, cancellationToken);
            }
            else
            {
                batch.Dispose();
            }

            batches.Complete();
        }
        catch (Exception exception)
        {
            batch.Dispose();
            batches.Complete(exception);
            throw;
        }
    }

    private async Task<TupleRewriter> CreateRewriterAsync(Func<Core.Schema.QualifiedName, CancellationToken, Task<uint>> targetTypeOid, CancellationToken cancellationToken)
    {
        var types = CopiedColumnTypes;
        var codecs = new FieldCodec[plan.Columns.Count];
        var elementOids = new uint[plan.Columns.Count];
        for (var index = 0; index < plan.Columns.Count; index++)
        {
            if (types[index].UserArrayElement is { } element)
            {
                elementOids[index] = await targetTypeOid(element, cancellationToken);
            }

            codecs[index] = new FieldCodec(types[index], elementOids[index]);
        }

        return new TupleRewriter(options.Masking.CreateRowMasker(plan, slice), codecs, elementOids);
    }

    /// <summary>Tables with composite-type columns: text COPY passes them through without OIDs. They are never masked.</summary>
    private static async Task<long> CopyTextAsync(NpgsqlConnection source, NpgsqlConnection target, string from, string into, IProgress<long> rowsCopied, CancellationToken cancellationToken)
    {
        using var reader = await source.BeginTextExportAsync(from, cancellationToken);
        await using var writer = await target.BeginTextImportAsync(into, cancellationToken);
        var buffer = new char[64 * 1024];
        long rows = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);

            // In text COPY a newline inside a value is escaped, so every real newline ends a row.
            var newRows = buffer.AsSpan(0, read).Count('\n');
            rows += newRows;
            rowsCopied.Report(newRows);
        }

        return rows;
    }
}
