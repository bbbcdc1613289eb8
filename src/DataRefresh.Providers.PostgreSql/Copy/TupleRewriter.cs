using System.Buffers.Binary;
using DataRefresh.Core.Masking.Rows;

namespace DataRefresh.Providers.PostgreSql.Copy;

/// <summary>
/// Writes a source tuple into a batch for the target: the fields the row masker reads are decoded, the ones it replaces
/// re-encoded; array fields of user types get the target's element OID; everything else is copied byte for byte.
/// One instance per worker.
/// </summary>
internal sealed class TupleRewriter
{
    // In a binary array the element type OID follows the dimension count and the has-nulls flag.
    private const int ArrayElementOidOffset = 8;

    private readonly RowMasker masker;
    private readonly string[] baseTypes;
    private readonly uint[] elementOids;
    private readonly bool passThrough;
    private readonly int[] fieldOffsets;
    private readonly bool[] undecodable;
    private readonly object?[] originals;
    private readonly object?[] results;

    /// <param name="masker">Decides which fields are decoded and replaced.</param>
    /// <param name="baseTypes">Per copied column: its storage type (for decoding and encoding).</param>
    /// <param name="elementOids">Per copied column: the target OID to write into array headers, or 0.</param>
    public TupleRewriter(RowMasker masker, string[] baseTypes, uint[] elementOids)
    {
        this.masker = masker;
        this.baseTypes = baseTypes;
        this.elementOids = elementOids;
        passThrough = masker.IsPassThrough && elementOids.All(oid => oid == 0);
        fieldOffsets = new int[baseTypes.Length];
        undecodable = new bool[baseTypes.Length];
        originals = new object?[baseTypes.Length];
        results = new object?[baseTypes.Length];
    }

    public void Write(ReadOnlySpan<byte> tuple, BatchBuffer output)
    {
        if (passThrough)
        {
            output.Write(tuple);
            return;
        }

        var fieldCount = BinaryPrimitives.ReadInt16BigEndian(tuple);
        var offset = BinaryCopyFormat.FieldCountSize;
        for (var field = 0; field < fieldCount; field++)
        {
            fieldOffsets[field] = offset;
            var length = BinaryPrimitives.ReadInt32BigEndian(tuple[offset..]);
            if (masker.Decodes[field])
            {
                // Values masks have no CLR form for (infinite dates) identify nobody: they are written back unchanged.
                object? value = null;
                var decoded = length >= 0 && BinaryValueCodec.TryDecode(baseTypes[field], tuple.Slice(offset + BinaryCopyFormat.FieldLengthSize, length), out value);
                undecodable[field] = length >= 0 && !decoded;
                originals[field] = decoded ? value : null;
            }

            offset += BinaryCopyFormat.FieldLengthSize + Math.Max(0, length);
        }

        masker.Mask(originals, results);

        output.WriteInt16(fieldCount);
        for (var field = 0; field < fieldCount; field++)
        {
            var end = field + 1 < fieldCount ? fieldOffsets[field + 1] : offset;
            var whole = tuple[fieldOffsets[field]..end];
            if (masker.Replaces(field) && !undecodable[field])
            {
                BinaryValueCodec.WriteField(baseTypes[field], results[field], output);
            }
            else if (elementOids[field] != 0 && whole.Length >= BinaryCopyFormat.FieldLengthSize + ArrayElementOidOffset + 4)
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
