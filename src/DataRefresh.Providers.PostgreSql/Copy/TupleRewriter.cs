using System.Buffers.Binary;
using DataRefresh.Core.Masking;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Writes a source tuple into a batch for the target: masked fields decoded, masked and re-encoded; array fields of user
/// types get the target's element OID; everything else is copied byte for byte. One instance per worker.
/// </summary>
internal sealed class TupleRewriter
{
    // In a binary array the element type OID follows the dimension count and the has-nulls flag.
    private const int ArrayElementOidOffset = 8;

    private readonly ColumnMasker?[] maskers;
    private readonly string[] baseTypes;
    private readonly uint[] elementOids;
    private readonly bool passThrough;

    /// <param name="maskers">Per copied column: its masker, or null.</param>
    /// <param name="baseTypes">Per copied column: its storage type (for decoding masked fields).</param>
    /// <param name="elementOids">Per copied column: the target OID to write into array headers, or 0.</param>
    public TupleRewriter(ColumnMasker?[] maskers, string[] baseTypes, uint[] elementOids)
    {
        this.maskers = maskers;
        this.baseTypes = baseTypes;
        this.elementOids = elementOids;
        passThrough = maskers.All(masker => masker is null) && elementOids.All(oid => oid == 0);
    }

    public void Write(ReadOnlySpan<byte> tuple, BatchBuffer output)
    {
        if (passThrough)
        {
            output.Write(tuple);
            return;
        }

        var fieldCount = BinaryPrimitives.ReadInt16BigEndian(tuple);
        output.WriteInt16(fieldCount);
        var offset = BinaryCopyFormat.FieldCountSize;
        for (var field = 0; field < fieldCount; field++)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
            var whole = tuple.Slice(offset, BinaryCopyFormat.FieldLengthSize + Math.Max(0, length));
            var data = whole[BinaryCopyFormat.FieldLengthSize..];
            offset += whole.Length;

            if (maskers[field] is { } masker)
            {
                if (length < 0)
                {
                    BinaryValueCodec.WriteField(baseTypes[field], masker.Mask(null), output);
                }
                else if (BinaryValueCodec.TryDecode(baseTypes[field], data, out var value))
                {
                    BinaryValueCodec.WriteField(baseTypes[field], masker.Mask(value), output);
                }
                else
                {
                    output.Write(whole);
                }
            }
            else if (elementOids[field] != 0 && length >= ArrayElementOidOffset + 4)
            {
                var oidAt = BinaryCopyFormat.FieldLengthSize + ArrayElementOidOffset;
                output.Write(whole[..oidAt]);
                output.WriteInt32(unchecked((int)elementOids[field]));
                output.Write(whole[(oidAt + 4)..]);
            }
            else
            {
                output.Write(whole);
            }
        }
    }
}
