using System.Collections;
using System.Data.Common;
using System.Threading.Channels;
using DataRefresh.Core.Providers;
using DataRefresh.Core.Schema;

namespace DataRefresh.Providers.SqlServer.Copy;

/// <summary>
/// The rows of the batches a table writer is handed, as the forward-only <see cref="DbDataReader"/> <c>SqlBulkCopy</c>
/// pulls from, so rows stream from the pipeline to the server without a DataTable. The writer pushes each batch with
/// <see cref="OfferAsync"/>, which returns once the bulk copy has read past the batch's last row (the caller may then
/// dispose it), so at most one batch is held. Values come out as <see cref="SqlServerValueCodec.Encode"/> writes them
/// for the target column. <c>SqlBulkCopy</c> with streaming on asks <see cref="IsDBNull"/> first, then
/// <see cref="GetStream"/> for varbinary(max), <see cref="GetTextReader"/> for (n)varchar(max) and <see cref="GetValue"/>
/// for the rest; it maps columns by <see cref="GetOrdinal"/> and reads with <see cref="ReadAsync"/> only.
/// </summary>
internal sealed class BatchDataReader : DbDataReader
{
    private readonly IReadOnlyList<ColumnInfo> columns;
    private readonly Channel<Offer> offers = Channel.CreateBounded<Offer>(1);
    private Offer? current;
    private int row = -1;
    private bool closed;

    /// <param name="columns">The copied columns in batch order, as the target has them.</param>
    public BatchDataReader(IReadOnlyList<ColumnInfo> columns)
    {
        this.columns = columns;
    }

    /// <summary>Hands a batch to the bulk copy; completes when it has read every row of it, or fails when the copy stopped first.</summary>
    public async Task OfferAsync(ValueRowBatch batch, CancellationToken cancellationToken)
    {
        var offer = new Offer(batch);
        try
        {
            await offers.Writer.WriteAsync(offer, cancellationToken);
        }
        catch (ChannelClosedException closedBy) when (closedBy.InnerException is { } reason)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(reason);
        }

        await offer.Consumed.Task.WaitAsync(cancellationToken);
    }

    /// <summary>No more batches: the bulk copy's next read past the last row ends it.</summary>
    public void CompleteAdding() => offers.Writer.TryComplete();

    /// <summary>The bulk copy stopped (failed or was cancelled): a batch offered now, or waiting, fails with the reason.</summary>
    public void Abandon(Exception reason)
    {
        offers.Writer.TryComplete(reason);
        current?.Consumed.TrySetException(reason);
        while (offers.Reader.TryRead(out var waiting))
        {
            waiting.Consumed.TrySetException(reason);
        }
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(closed, this);
        while (current is null || ++row >= current.Batch.Rows)
        {
            current?.Consumed.TrySetResult();
            current = null;
            row = -1;
            if (!await offers.Reader.WaitToReadAsync(cancellationToken) || !offers.Reader.TryRead(out current))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Read() => throw new NotSupportedException("This reader is read asynchronously (SqlBulkCopy.WriteToServerAsync).");

    public override int FieldCount => columns.Count;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override string GetName(int ordinal) => columns[ordinal].Name;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2201", Justification = "IDataRecord.GetOrdinal's contract: SqlBulkCopy turns this exception into its unmatched-column error.")]
    public override int GetOrdinal(string name)
    {
        for (var ordinal = 0; ordinal < columns.Count; ordinal++)
        {
            if (string.Equals(columns[ordinal].Name, name, StringComparison.Ordinal))
            {
                return ordinal;
            }
        }

        throw new IndexOutOfRangeException($"The batches have no column {name}.");
    }

    public override object GetValue(int ordinal) => SqlServerValueCodec.Encode(Cell(ordinal), columns[ordinal]);

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, columns.Count);
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            values[ordinal] = GetValue(ordinal);
        }

        return count;
    }

    public override bool IsDBNull(int ordinal) => Cell(ordinal) is null;

    public override Stream GetStream(int ordinal) => GetValue(ordinal) is byte[] bytes
        ? new MemoryStream(bytes, writable: false)
        : throw new InvalidCastException($"Column {columns[ordinal].Name} is not binary.");

    public override TextReader GetTextReader(int ordinal) => new StringReader(GetString(ordinal));

    public override string GetString(int ordinal) => GetValue(ordinal) as string ?? throw new InvalidCastException($"Column {columns[ordinal].Name} is not text.");

    public override Type GetFieldType(int ordinal) => SqlServerValueCodec.FieldType(columns[ordinal]);

    public override string GetDataTypeName(int ordinal) => columns[ordinal].DataType;

    public override bool GetBoolean(int ordinal) => (bool)GetValue(ordinal);

    public override byte GetByte(int ordinal) => (byte)GetValue(ordinal);

    public override char GetChar(int ordinal) => GetString(ordinal)[0];

    public override DateTime GetDateTime(int ordinal) => (DateTime)GetValue(ordinal);

    public override decimal GetDecimal(int ordinal) => (decimal)GetValue(ordinal);

    public override double GetDouble(int ordinal) => (double)GetValue(ordinal);

    public override float GetFloat(int ordinal) => (float)GetValue(ordinal);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => (short)GetValue(ordinal);

    public override int GetInt32(int ordinal) => (int)GetValue(ordinal);

    public override long GetInt64(int ordinal) => (long)GetValue(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        CopyOut((byte[])GetValue(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        CopyOut(GetString(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override int Depth => 0;

    public override bool HasRows => true;

    public override bool IsClosed => closed;

    public override int RecordsAffected => -1;

    public override bool NextResult() => false;

    public override IEnumerator GetEnumerator() => throw new NotSupportedException("Read the rows with ReadAsync.");

    public override void Close()
    {
        closed = true;
        Abandon(new ObjectDisposedException(nameof(BatchDataReader)));
    }

    private object? Cell(int ordinal) => current is { } offer && row >= 0
        ? offer.Batch.Values[row][ordinal]
        : throw new InvalidOperationException("There is no current row; call ReadAsync first.");

    private static long CopyOut<T>(T[] source, long dataOffset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return source.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, source.Length - dataOffset));
        Array.Copy(source, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    private sealed class Offer(ValueRowBatch batch)
    {
        public ValueRowBatch Batch { get; } = batch;

        public TaskCompletionSource Consumed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
