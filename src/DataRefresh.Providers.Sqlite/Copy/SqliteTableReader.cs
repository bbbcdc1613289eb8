using DataRefresh.Core.Errors;
using DataRefresh.Core.Masking.Rows;
using DataRefresh.Core.Planning;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Values;
using Microsoft.Data.Sqlite;

namespace DataRefresh.Providers.Sqlite.Copy;

/// <summary>
/// Reads one table inside the source's read transaction and yields masked batches. Masks see the columns
/// <see cref="RowMasker.Decodes"/> names decoded by <see cref="SqliteValueCodec"/> and <see cref="Undecodable.Value"/> for
/// every other non-null value; replaced cells take the masks' results. Other cells stay as SQLite stored them
/// (<see cref="SqliteRowBatch"/>), or, for a target of another engine, are decoded to the value contract
/// (<see cref="DecodedRowBatch"/>) — where an unmasked value that does not decode stops the read, naming the column.
/// </summary>
internal sealed class SqliteTableReader : ITableReader
{
    private readonly SqliteCommand command;
    private readonly SqliteDataReader reader;
    private readonly TablePlan plan;
    private readonly RowMasker masker;
    private readonly TableReadOptions options;
    private readonly SemaphoreSlim connectionGate;

    private SqliteTableReader(SqliteCommand command, SqliteDataReader reader, TablePlan plan, RowMasker masker, TableReadOptions options, SemaphoreSlim connectionGate)
    {
        this.command = command;
        this.reader = reader;
        this.plan = plan;
        this.masker = masker;
        this.options = options;
        this.connectionGate = connectionGate;
    }

    public string Format => options.Decoded ? DecodedRowBatch.Format : SqliteRowBatch.Format;

    /// <summary>Opens the read; the snapshot's connection is this reader's until it is disposed.</summary>
    public static async Task<SqliteTableReader> OpenAsync(SqliteConnection connection, SemaphoreSlim connectionGate, TablePlan plan, TableReadOptions options, CancellationToken cancellationToken)
    {
        await connectionGate.WaitAsync(cancellationToken);
        var command = SqliteCommands.Create(SqliteRowSelect.Select(plan), connection);
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new SqliteTableReader(command, reader, plan, options.Masking.CreateRowMasker(plan, TableSlice.Whole), options, connectionGate);
        }
        catch
        {
            await command.DisposeAsync();
            connectionGate.Release();
            throw;
        }
    }

    public async ValueTask<RowBatch?> ReadBatchAsync(CancellationToken cancellationToken = default) =>
        await ValueRowBatch.ReadRowsAsync(reader, plan.Columns.Count, options, reader.GetValue, Mask, cancellationToken) is { } rows
            ? options.Decoded ? new DecodedRowBatch(rows) : new SqliteRowBatch(rows)
            : null;

    /// <summary>The row as it goes to the target, or null for a row outside the run's subset.</summary>
    private object?[]? Mask(object?[] stored) =>
        masker.MaskStored(stored, (value, column) => SqliteValueCodec.Decode(value, plan.Columns[column].Column), options.Decoded, CannotDecode);

    /// <summary>For another engine: an unmasked value that does not decode stops the read, naming its column.</summary>
    private DataRefreshException CannotDecode(int column)
    {
        var info = plan.Columns[column].Column;
        return new DataRefreshException(
            ExitCodes.RefreshFailed,
            $"column {plan.Table.Name}.{info.Name} ({info.DataType}) holds a value that is not a valid {info.Category} as SQLite stored it, which a target of another engine cannot take; " +
            "mask the column, or fix the value in the source. The target was not changed.");
    }

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await command.DisposeAsync();
        connectionGate.Release();
    }
}
