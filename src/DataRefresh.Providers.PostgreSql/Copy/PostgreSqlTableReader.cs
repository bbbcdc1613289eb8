using System.Text;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Connections;
using DataRefresh.Providers.PostgreSql.Errors;
using DataRefresh.Providers.PostgreSql.Schema;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Reads one table (or slice) inside the run's exported snapshot on a connection of its own: binary COPY out, tuples cut
/// into batches and rewritten where masked (<see cref="TupleRewriter"/>). Tables with composite-type columns travel as
/// text COPY instead; they are never masked (the plan refuses it).
/// </summary>
internal sealed class PostgreSqlTableReader : ITableReader
{
    private const int TextChunk = 64 * 1024;

    private readonly NpgsqlConnection connection;
    private readonly TableReadOptions options;
    private readonly string context;
    private NpgsqlRawCopyStream? exporter;
    private CopyTupleReader? tuples;
    private TupleRewriter? rewriter;
    private TupleDecoder? decoder;
    private TextReader? text;
    private bool finished;

    // The next batch starts at about the last one's size, so full batches do not grow by doubling from scratch each time.
    private int nextBatchBytes = 64 * 1024;

    private PostgreSqlTableReader(NpgsqlConnection connection, TableReadOptions options, string context, string format)
    {
        this.connection = connection;
        this.options = options;
        this.context = context;
        Format = format;
    }

    public string Format { get; }

    /// <summary>Whether the table must travel as text COPY (it has composite-type columns), in which case it cannot be masked.</summary>
    public static bool RequiresTextFormat(TablePlan plan, IReadOnlyList<PostgreSqlColumnType> columnTypes) =>
        CopiedTypes(plan, columnTypes).Any(type => type.NeedsTextFormat);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "SET TRANSACTION SNAPSHOT takes no parameters; the id comes from pg_export_snapshot() on the run's own connection, quotes doubled. The COPY statement is built from quoted identifiers and the rule file's where filter, which is SQL by design.")]
    public static async Task<PostgreSqlTableReader> OpenAsync(
        PostgreSqlConnectionInfo source, string beginSnapshotSql, string snapshotId, TablePlan plan, TableSlice slice,
        IReadOnlyList<PostgreSqlColumnType> columnTypes, TableReadOptions options, CancellationToken cancellationToken = default)
    {
        var context = slice.IsWhole ? $"copying {plan.Table.Name}" : $"copying {plan.Table.Name} ({slice})";
        var types = CopiedTypes(plan, columnTypes);
        var textFormat = types.Any(type => type.NeedsTextFormat);
        if (options.Decoded)
        {
            RequireDecodable(plan, types, textFormat);
        }

        var connection = await PostgreSqlConnections.OpenAsync(source.ForBulkCopy(), "source", cancellationToken);
        var format = options.Decoded ? Core.Providers.DecodedRowBatch.Format : textFormat ? PostgreSqlCopyFormats.Text : PostgreSqlCopyFormats.Binary;
        var reader = new PostgreSqlTableReader(connection, options, context, format);
        try
        {
            await PostgreSqlConnections.ExecuteAsync(connection, beginSnapshotSql, cancellationToken);
            await using (var import = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshotId.Replace("'", "''", StringComparison.Ordinal)}'", connection))
            {
                await import.ExecuteNonQueryAsync(cancellationToken);
            }

            var copied = RowFilterSql.CopySource(plan, slice);
            if (textFormat)
            {
                reader.text = await connection.BeginTextExportAsync($"COPY {copied} TO STDOUT", cancellationToken);
            }
            else
            {
                if (options.Decoded)
                {
                    var codecs = types.Select(type => new FieldCodec(type)).ToArray();
                    reader.decoder = new TupleDecoder(plan, options.Masking.CreateRowMasker(plan, slice), codecs);
                }
                else
                {
                    reader.rewriter = await CreateRewriterAsync(plan, slice, types, options, cancellationToken);
                }

                reader.exporter = await connection.BeginRawBinaryCopyAsync($"COPY {copied} TO STDOUT (FORMAT binary)", cancellationToken);
                reader.tuples = new CopyTupleReader(reader.exporter);
            }

            return reader;
        }
        catch (Exception exception)
        {
            await reader.DisposeAsync();
            throw exception is NpgsqlException && !cancellationToken.IsCancellationRequested ? PostgreSqlErrors.Explain(exception, context)! : exception;
        }
    }

    public async ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default)
    {
        if (finished)
        {
            return null;
        }

        try
        {
            return text is not null ? await ReadTextAsync(cancellationToken)
                : decoder is not null ? await ReadValuesAsync(cancellationToken)
                : await ReadTuplesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, context)!;
        }
    }

    private async Task<RowBatch?> ReadTuplesAsync(CancellationToken cancellationToken)
    {
        var batch = new BatchBuffer(nextBatchBytes);
        try
        {
            while (batch.RowCount < options.BatchSize && batch.Length < options.MaxBatchBytes)
            {
                var tuple = await tuples!.ReadTupleAsync(cancellationToken);
                if (tuple.IsEmpty)
                {
                    await DrainAsync(cancellationToken);
                    break;
                }

                if (rewriter!.Write(tuple.Span, batch))
                {
                    batch.RowCount++;
                }
            }
        }
        catch
        {
            batch.Dispose();
            throw;
        }

        if (batch.RowCount > 0)
        {
            nextBatchBytes = Math.Min(batch.Length + 1024, options.MaxBatchBytes);
            return batch;
        }

        batch.Dispose();
        return null;
    }

    private async Task<RowBatch?> ReadValuesAsync(CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>(Math.Min(options.BatchSize, 4096));
        while (rows.Count < options.BatchSize)
        {
            var tuple = await tuples!.ReadTupleAsync(cancellationToken);
            if (tuple.IsEmpty)
            {
                await DrainAsync(cancellationToken);
                break;
            }

            if (decoder!.Decode(tuple.Span) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows.Count > 0 ? new Core.Providers.DecodedRowBatch(rows) : null;
    }

    /// <summary>Read to the real end of the COPY so the connection is left idle rather than cancelled.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var drain = new byte[256];
        while (await exporter!.ReadAsync(drain, cancellationToken) > 0)
        {
        }

        finished = true;
    }

    /// <summary>Columns whose values have no form in the value contract cannot travel as values: named before any row moves.</summary>
    private static void RequireDecodable(TablePlan plan, List<PostgreSqlColumnType> types, bool textFormat)
    {
        var opaque = plan.Columns.Where((column, index) => textFormat || !new FieldCodec(types[index]).CanDecode).Select(column => $"{column.Column.Name} ({column.Column.DataType})").ToList();
        if (opaque.Count > 0)
        {
            throw new Core.Errors.DataRefreshException(
                Core.Errors.ExitCodes.RulesDoNotMatchSchema,
                $"{plan.Table.Name} cannot be copied to another engine: {string.Join(", ", opaque)} {(opaque.Count == 1 ? "has a type" : "have types")} with no value form here; leave the table out (rows: none) or copy it between PostgreSQL databases. Nothing was copied.");
        }
    }

    /// <summary>In text COPY a newline inside a value is escaped, so every real newline ends a row.</summary>
    private async Task<RowBatch?> ReadTextAsync(CancellationToken cancellationToken)
    {
        var buffer = new char[TextChunk];
        var read = await text!.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            finished = true;
            return null;
        }

        var batch = new BatchBuffer(Encoding.UTF8.GetMaxByteCount(read));
        batch.Advance(Encoding.UTF8.GetBytes(buffer.AsSpan(0, read), batch.GetSpan(Encoding.UTF8.GetMaxByteCount(read))));
        batch.RowCount = buffer.AsSpan(0, read).Count('\n');
        return batch;
    }

    private static List<PostgreSqlColumnType> CopiedTypes(TablePlan plan, IReadOnlyList<PostgreSqlColumnType> columnTypes) =>
        plan.Table.Columns.Select((column, index) => (column, index))
            .Where(pair => !pair.column.IsGenerated)
            .Select(pair => columnTypes[pair.index])
            .ToList();

    private static async Task<TupleRewriter> CreateRewriterAsync(
        TablePlan plan, TableSlice slice, List<PostgreSqlColumnType> types, TableReadOptions options, CancellationToken cancellationToken)
    {
        var codecs = new FieldCodec[plan.Columns.Count];
        var elementOids = new uint[plan.Columns.Count];
        for (var index = 0; index < plan.Columns.Count; index++)
        {
            if (types[index].UserArrayElement is { } element)
            {
                elementOids[index] = checked((uint)await options.TargetTypeId(element, cancellationToken));
            }

            codecs[index] = new FieldCodec(types[index], elementOids[index]);
        }

        return new TupleRewriter(options.Masking.CreateRowMasker(plan, slice), codecs, elementOids);
    }

    public async ValueTask DisposeAsync()
    {
        tuples?.Dispose();
        if (exporter is not null)
        {
            await exporter.DisposeAsync();
        }

        text?.Dispose();
        await connection.DisposeAsync();
    }
}
