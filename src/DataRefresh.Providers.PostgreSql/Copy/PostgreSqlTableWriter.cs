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
/// parallel transactions, so none of them can truncate.
/// </summary>
internal sealed class PostgreSqlTableWriter : ITableWriter
{
    private readonly NpgsqlConnection connection;
    private readonly string context;
    private NpgsqlTransaction? transaction;
    private NpgsqlRawCopyStream? importer;
    private TextWriter? text;
    private bool completed;

    private PostgreSqlTableWriter(NpgsqlConnection connection, string context)
    {
        this.connection = connection;
        this.context = context;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Identifiers are quoted through PostgreSqlDialect and carry no values.")]
    public static async Task<PostgreSqlTableWriter> OpenAsync(NpgsqlConnection connection, TablePlan plan, TableSlice slice, string format, CancellationToken cancellationToken = default)
    {
        if (format is not (PostgreSqlCopyFormats.Binary or PostgreSqlCopyFormats.Text))
        {
            await connection.DisposeAsync();
            throw new DataRefreshException(ExitCodes.Configuration, $"a PostgreSQL target cannot load {plan.Table.Name} from batches in the form '{format}'; this version copies into PostgreSQL from PostgreSQL sources only.");
        }

        var writer = new PostgreSqlTableWriter(connection, slice.IsWhole ? $"copying {plan.Table.Name}" : $"copying {plan.Table.Name} ({slice})");
        try
        {
            writer.transaction = await connection.BeginTransactionAsync(cancellationToken);
            var freeze = !plan.Table.IsPartitioned && slice.IsWhole;
            if (freeze)
            {
                await using var truncate = new NpgsqlCommand($"TRUNCATE {PostgreSqlDialect.Quote(plan.Table.Name)}", connection, writer.transaction);
                await truncate.ExecuteNonQueryAsync(cancellationToken);
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
        var bytes = ((BatchBuffer)batch).Memory;
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
