using System.Buffers;
using System.Buffers.Binary;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>A growable byte buffer of COPY tuples (or text COPY lines), rented from the shared pool; one batch on its way to the target.</summary>
internal sealed class BatchBuffer : Core.Providers.RowBatch
{
    private byte[] bytes;

    public BatchBuffer(int initialSize) => bytes = ArrayPool<byte>.Shared.Rent(initialSize);

    public int Length { get; private set; }

    public override int Rows => RowCount;

    public int RowCount { get; set; }

    public override long Bytes => bytes.Length;

    public ReadOnlyMemory<byte> Memory => bytes.AsMemory(0, Length);

    public void Write(ReadOnlySpan<byte> data)
    {
        data.CopyTo(GetSpan(data.Length));
        Length += data.Length;
    }

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        Length += 2;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        Length += 4;
    }

    /// <summary>Room for <paramref name="size"/> more bytes; call <see cref="Advance"/> with what was written.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (Length + size > bytes.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length * 2, Length + size));
            bytes.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(bytes);
            bytes = larger;
        }

        return bytes.AsSpan(Length, size);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Writes a big-endian int32 over bytes already written at <paramref name="offset"/> (a length prefix known only after its value).</summary>
    public void PatchInt32(int offset, int value) => System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(offset, 4), value);

    protected override void Dispose(bool disposing)
    {
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
            bytes = [];
        }
    }
}
