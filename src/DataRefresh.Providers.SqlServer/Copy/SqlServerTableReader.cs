using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Values;
using DataRefresh.Providers.SqlServer.Source;
using Microsoft.Data.SqlClient;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// Reads one table inside the source's snapshot and yields masked batches. Masks see the columns
/// <see cref="RowMasker.Decodes"/> names decoded by <see cref="SqlServerValueCodec"/> and <see cref="Undecodable.Value"/>
/// for every other non-null value; replaced cells take the masks' results. Other cells stay as the driver read them
/// (<see cref="SqlServerRowBatch"/>), or, for a target of another engine, are decoded to the value contract
/// (<see cref="DecodedRowBatch"/>) — where an unmasked value that does not decode stops the read, naming the column.
/// Cells are read through <see cref="SqlServerValueCodec.Read"/> (decimals as SqlDecimal).
/// </summary>
internal sealed class SqlServerTableReader : ITableReader
{
    private readonly SqlCommand command;
    private readonly SqlDataReader reader;
    private readonly TablePlan plan;
    private readonly RowMasker masker;
    private readonly TableReadOptions options;
    private readonly Func<ValueTask> release;

    private SqlServerTableReader(SqlCommand command, SqlDataReader reader, TablePlan plan, RowMasker masker, TableReadOptions options, Func<ValueTask> release)
    {
        this.command = command;
        this.reader = reader;
        this.plan = plan;
        this.masker = masker;
        this.options = options;
        this.release = release;
    }

    public string Format => options.Decoded ? DecodedRowBatch.Format : SqlServerRowBatch.Format;

    /// <param name="range">The slice of the table to read as a range of its slicing column, or null for all of it.</param>
    /// <param name="release">Gives the connection back (the snapshot's gate, or a reader's own connection) once the read ends.</param>
    public static async Task<SqlServerTableReader> OpenAsync(
        SqlConnection connection, TablePlan plan, KeyRange? range, TableReadOptions options, Func<ValueTask> release, CancellationToken cancellationToken)
    {
        var command = SqlServerCommands.Create(SqlServerRowSelect.Select(plan, range: range), connection);
        range?.AddBounds(command);
        try
        {
            // Sequential access streams varbinary(max) and nvarchar(max) cells instead of buffering whole rows twice.
            var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
            return new SqlServerTableReader(command, reader, plan, options.Masking.CreateRowMasker(plan, range?.Slice ?? TableSlice.Whole), options, release);
        }
        catch
        {
            await command.DisposeAsync();
            await release();
            throw;
        }
    }

    public async ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default) =>
        await ValueRowBatch.ReadRowsAsync(reader, plan.Columns.Count, options, Read, Mask, cancellationToken) is { } rows
            ? options.Decoded ? new DecodedRowBatch(rows) : new SqlServerRowBatch(rows)
            : null;

    private object Read(int column) => SqlServerValueCodec.Read(reader, column, plan.Columns[column].Column);

    /// <summary>The row as it goes to the target, or null for a row outside the run's subset.</summary>
    private object?[]? Mask(object?[] stored) =>
        masker.MaskStored(stored, (value, column) => SqlServerValueCodec.Decode(value, plan.Columns[column].Column), options.Decoded, CannotDecode);

    /// <summary>For another engine: an unmasked value that does not decode stops the read, naming its column.</summary>
    private DataRefreshException CannotDecode(int column)
    {
        var info = plan.Columns[column].Column;
        return new DataRefreshException(
            ExitCodes.RefreshFailed,
            $"column {plan.Table.Name}.{info.Name} ({info.DataType}) holds a value beyond what a target of another engine can take as a {info.Category}; " +
            "mask the column, or refresh into a SQL Server target. The target was not changed.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Cancel first: disposing a reader with rows left would otherwise read them all to the end.
            command.Cancel();
            await reader.DisposeAsync();
            await command.DisposeAsync();
        }
        finally
        {
            await release();
        }
    }
}
