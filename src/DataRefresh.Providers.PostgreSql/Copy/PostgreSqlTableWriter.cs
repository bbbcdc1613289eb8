using System.Text;
using DataRefresh.Core.Errors;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Providers.PostgreSql.Errors;
using Npgsql;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Loads one table (or slice) into the side database in one transaction: binary COPY (or text COPY for the text format),
/// committed by <see cref="CompleteAsync"/>, rolled back when disposed before. A whole, unpartitioned table is emptied
/// in the same transaction first, which lets COPY write frozen rows: no hint-bit rewrite or vacuum later. Slices load in
/// parallel transactions, so none of them can truncate. Batches of values (<see cref="DecodedRowBatch"/>, from another
/// engine's reader) are encoded into binary COPY on the way.
/// </summary>
internal sealed class PostgreSqlTableWriter : ITableWriter
{
    private readonly NpgsqlConnection connection;
    private readonly string context;
    private NpgsqlTransaction? transaction;
    private NpgsqlRawCopyStream? importer;
    private TextWriter? text;
    private FieldCodec[]? codecs;
    private bool completed;

    private PostgreSqlTableWriter(NpgsqlConnection connection, string context)
    {
        this.connection = connection;
        this.context = context;
    }

    /// <summary>Whether this load writes frozen rows: a whole, unpartitioned table, emptied in the load's own transaction.</summary>
    public static bool Freezes(TablePlan plan, TableSlice slice) => !plan.Table.IsPartitioned && slice.IsWhole;

    /// <param name="typeOid">The side database's OID of a type, for the element type in array headers of encoded values.</param>
    /// <param name="neutralTypes">The table was built from another engine's model, with the types <see cref="Schema.PostgreSqlTypes.ForNeutral"/> chose.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Identifiers are quoted through PostgreSqlDialect and carry no values.")]
    public static async Task<PostgreSqlTableWriter> OpenAsync(
        NpgsqlConnection connection, TablePlan plan, TableSlice slice, string format, Func<Core.Schema.QualifiedName, CancellationToken, Task<uint>> typeOid, bool neutralTypes, CancellationToken cancellationToken = default)
    {
        if (format is not (PostgreSqlCopyFormats.Binary or PostgreSqlCopyFormats.Text or DecodedRowBatch.Format))
        {
            await connection.DisposeAsync();
            throw new DataRefreshException(ExitCodes.Configuration, $"a PostgreSQL target cannot load {plan.Table.Name} from batches in the form '{format}'.");
        }

        var writer = new PostgreSqlTableWriter(connection, slice.IsWhole ? $"copying {plan.Table.Name}" : $"copying {plan.Table.Name} ({slice})");
        try
        {
            writer.transaction = await connection.BeginTransactionAsync(cancellationToken);
            var freeze = Freezes(plan, slice);
            if (freeze)
            {
                await using var truncate = new NpgsqlCommand($"TRUNCATE {PostgreSqlDialect.Quote(plan.Table.Name)}", connection, writer.transaction);
                await truncate.ExecuteNonQueryAsync(cancellationToken);
            }

            if (format == DecodedRowBatch.Format)
            {
                writer.codecs = await EncodersAsync(plan, typeOid, neutralTypes, cancellationToken);
            }

            var into = $"COPY {PostgreSqlDialect.Quote(plan.Table.Name)} ({PostgreSqlDialect.QuoteList(plan.Columns.Select(column => column.Column.Name))}) FROM STDIN";
            if (format == PostgreSqlCopyFormats.Text)
            {
                writer.text = await connection.BeginTextImportAsync(into + (freeze ? " (FREEZE)" : ""), cancellationToken);
            }
            else
            {
                writer.importer = await connection.BeginRawBinaryCopyAsync(into + $" (FORMAT binary{(freeze ? ", FREEZE" : "")})", cancellationToken);
                await writer.importer.WriteAsync(BinaryCopyFormat.Header, cancellationToken);
            }

            return writer;
        }
        catch (Exception exception)
        {
            await writer.DisposeAsync();
            throw exception is NpgsqlException && !cancellationToken.IsCancellationRequested ? PostgreSqlErrors.Explain(exception, writer.context)! : exception;
        }
    }

    public async ValueTask WriteAsync(RowBatch batch, CancellationToken cancellationToken = default)
    {
        using var encoded = batch is DecodedRowBatch values ? Encode(values) : null;
        var bytes = (encoded ?? (BatchBuffer)batch).Memory;
        try
        {
            if (text is not null)
            {
                await text.WriteAsync(Encoding.UTF8.GetString(bytes.Span).AsMemory(), cancellationToken);
            }
            else
            {
                await importer!.WriteAsync(bytes, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, context)!;
        }
    }

    private BatchBuffer Encode(DecodedRowBatch batch)
    {
        var buffer = new BatchBuffer(64 * 1024);
        foreach (var row in batch.Values)
        {
            buffer.WriteInt16((short)codecs!.Length);
            for (var field = 0; field < codecs.Length; field++)
            {
                codecs[field].Write(row[field], buffer);
            }
        }

        return buffer;
    }

    /// <summary>
    /// How each column's values are written: by the column's storage type, as the side database has it (created from the
    /// same schema, or from another engine's model); array headers name the side database's element type. Types with no
    /// value form were refused by the reader, or by the schema builder.
    /// </summary>
    private static async Task<FieldCodec[]> EncodersAsync(
        TablePlan plan, Func<Core.Schema.QualifiedName, CancellationToken, Task<uint>> typeOid, bool neutralTypes, CancellationToken cancellationToken)
    {
        var codecs = new FieldCodec[plan.Columns.Count];
        for (var index = 0; index < codecs.Length; index++)
        {
            var column = plan.Columns[index].Column;
            var storage = neutralTypes ? Schema.PostgreSqlTypes.ForNeutral(column)!.Value.StorageType : column.NativeType;
            if (column.Element is { } element)
            {
                var elementStorage = neutralTypes ? Schema.PostgreSqlTypes.ForNeutral(element)!.Value.StorageType : element.NativeType;
                var elementOid = await typeOid(new Core.Schema.QualifiedName("pg_catalog", elementStorage), cancellationToken);
                codecs[index] = new FieldCodec(new Schema.PostgreSqlColumnType(storage, null, false, elementStorage, elementOid));
            }
            else
            {
                codecs[index] = new FieldCodec(new Schema.PostgreSqlColumnType(storage, null, false));
            }
        }

        return codecs;
    }

    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (text is not null)
            {
                // Disposing the import ends the COPY; its errors (a constraint, a bad value) surface here.
                await text.DisposeAsync();
                text = null;
            }
            else
            {
                await importer!.WriteAsync(BinaryCopyFormat.Trailer, cancellationToken);
                await importer.DisposeAsync();
                importer = null;
            }

            await transaction!.CommitAsync(cancellationToken);
            completed = true;
        }
        catch (Exception exception) when (exception is NpgsqlException && !cancellationToken.IsCancellationRequested)
        {
            throw PostgreSqlErrors.Explain(exception, context)!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            await CancelQuietlyAsync();
        }

        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    /// <summary>
    /// Ends an import that failed. When the failure was the connection itself, the stream is already gone and cancelling
    /// it throws too; that second error must not hide the first (whose kind decides whether the table is retried).
    /// </summary>
    private async Task CancelQuietlyAsync()
    {
        try
        {
            if (importer is not null)
            {
                await importer.CancelAsync();
                await importer.DisposeAsync();
            }

            if (text is NpgsqlCopyTextWriter copyText)
            {
                await copyText.CancelAsync();
            }
        }
        catch (Exception exception) when (exception is ObjectDisposedException or NpgsqlException or IOException or InvalidOperationException)
        {
        }
    }
}
