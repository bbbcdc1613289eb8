using System.Buffers;
using System.Buffers.Binary;
using DataRefresh.Core.Errors;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Cuts a binary COPY stream into whole tuples without decoding any field. The returned memory is valid until the next
/// call. The buffer grows only as far as the largest tuple needs.
/// </summary>
internal sealed class CopyTupleReader(Stream source) : IDisposable
{
    private const int InitialBufferSize = 256 * 1024;

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    private int start;
    private int end;
    private bool headerRead;

    /// <summary>The next tuple (field count included), or empty at the trailer.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadTupleAsync(CancellationToken cancellationToken = default)
    {
        if (!headerRead)
        {
            await SkipHeaderAsync(cancellationToken);
        }

        while (true)
        {
            var length = MeasureTuple(buffer.AsSpan(start, end - start));
            if (length == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            if (length > 0)
            {
                var tuple = buffer.AsMemory(start, length);
                start += length;
                return tuple;
            }

            await FillAsync(-length, cancellationToken);
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    /// <summary>
    /// The whole tuple's length when it is all in <paramref name="data"/>; 0 for the trailer; otherwise minus the number of
    /// bytes known to be needed (at least one more than we have).
    /// </summary>
    private static int MeasureTuple(ReadOnlySpan<byte> data)
    {
        if (data.Length < BinaryCopyFormat.FieldCountSize)
        {
            return -(BinaryCopyFormat.FieldCountSize);
        }

        var fieldCount = BinaryPrimitives.ReadInt16BigEndian(data);
        if (fieldCount == -1)
        {
            return 0;
        }

        var offset = BinaryCopyFormat.FieldCountSize;
        for (var field = 0; field < fieldCount; field++)
        {
            if (data.Length < offset + BinaryCopyFormat.FieldLengthSize)
            {
                return -(offset + BinaryCopyFormat.FieldLengthSize);
            }

            var fieldLength = BinaryPrimitives.ReadInt32BigEndian(data[offset..]);
            offset += BinaryCopyFormat.FieldLengthSize + Math.Max(0, fieldLength);
        }

        return data.Length >= offset ? offset : -offset;
    }

    private async ValueTask SkipHeaderAsync(CancellationToken cancellationToken)
    {
        const int fixedHeader = 11 + 4 + 4;
        await FillAsync(fixedHeader, cancellationToken);
        if (!buffer.AsSpan(start, 11).SequenceEqual(BinaryCopyFormat.Signature))
        {
            throw new DataRefreshException(ExitCodes.RefreshFailed, "The source did not send a binary COPY stream; this is a bug, please report it.");
        }

        var extension = BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(start + 15));
        await FillAsync(fixedHeader + extension, cancellationToken);
        start += fixedHeader + extension;
        headerRead = true;
    }

    /// <summary>Makes at least <paramref name="needed"/> unread bytes available, moving and growing the buffer as needed.</summary>
    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (end - start >= needed)
        {
            return;
        }

        if (start + needed > buffer.Length)
        {
            var target = needed > buffer.Length ? ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2)) : buffer;
            Buffer.BlockCopy(buffer, start, target, 0, end - start);
            if (!ReferenceEquals(target, buffer))
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = target;
            }

            end -= start;
            start = 0;
        }

        while (end - start < needed)
        {
            var read = await source.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                throw new DataRefreshException(ExitCodes.RefreshFailed, "The source ended its COPY stream in the middle of a row; the connection was probably lost. Retry the run.");
            }

            end += read;
        }
    }
}
